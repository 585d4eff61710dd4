"""Options are the core's config structs (``core/src/config.rs``), filled from keyword
arguments: each function's keywords are exactly its struct's fields, so a field added in the
core without its keyword here (or the reverse) fails this test, as ``options.test.mjs`` fails
for Node's TypeScript interfaces."""

import inspect
import re
from pathlib import Path

import pytest

import unthread_identity as ui

CONFIG = (Path(__file__).resolve().parents[2] / "core" / "src" / "config.rs").read_text()


def fields(struct: str) -> set[str]:
    body = re.search(rf"pub struct {struct} \{{(.*?)\n\}}", CONFIG, re.S)
    assert body, struct
    return set(re.findall(r"^\s+pub (\w+):", body.group(1), re.M))


def keywords(function, *, positional_too: bool = False) -> set[str]:
    kinds = {inspect.Parameter.KEYWORD_ONLY}
    if positional_too:
        kinds.add(inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return {p.name for p in inspect.signature(function).parameters.values() if p.kind in kinds}


CASES = [
    (ui.Signer, "SignerConfig", set(), False),
    (ui.Signer.from_env, "SignerConfig", set(), False),
    (ui.Signer.from_file, "SignerConfig", set(), False),
    (ui.TokenSigner, "TokenSignerConfig", set(), False),
    (ui.TokenSigner.from_env, "TokenSignerConfig", set(), False),
    # `id` belongs to the user (TokenUserInput), beside the mint options.
    (ui.TokenSigner.mint_token, "MintConfig", {"id"}, False),
    (ui.TokenSigner.verify_token, "TimeConfig", set(), False),
    (ui.TokenSigner.explain_token, "TimeConfig", set(), False),
    (ui.portal_csp, "PortalCspConfig", set(), False),
    (ui.portal_boot_script, "PortalBootConfig", set(), True),
    (ui.stop_script, "ScriptConfig", set(), True),
]


@pytest.mark.parametrize(("function", "struct", "extra", "positional"), CASES, ids=[c[1] + ":" + c[0].__qualname__ for c in CASES])
def test_each_functions_keywords_are_its_core_structs_fields(function, struct, extra, positional):
    assert keywords(function, positional_too=positional) == fields(struct) | extra


def test_the_struct_reader_sees_the_fields():
    # The parser above reads what it should: a known struct, field by field.
    assert fields("PortalCspConfig") == {"nonce", "custom_domain", "development", "policy"}
