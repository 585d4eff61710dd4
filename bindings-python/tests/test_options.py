"""Options are the core's config structs (``core/src/config.rs``), read from keyword arguments
by the core's reader: the struct is the one declaration of a function's options, the runtime
refuses any other keyword (``InvalidOption``, naming the struct's fields), and the stub
(``_native.pyi``) must list exactly those fields, so a field added in the core without its
keyword in the stub (or the reverse) fails this test, as ``options.test.mjs`` fails for Node's
TypeScript interfaces."""

import ast
import re
from pathlib import Path

import pytest

import unthread_identity as ui

STUB = ast.parse((Path(ui.__file__).parent / "_native.pyi").read_text())


def stub_keywords(qualname: str, *, positional_too: bool) -> set[str]:
    """The keyword parameters of ``qualname`` (``TokenSigner.from_env``) in the stub."""
    *owner, name = qualname.split(".")
    body = STUB.body
    for part in owner:
        body = next(n for n in body if isinstance(n, ast.ClassDef) and n.name == part).body
    function = next(n for n in body if isinstance(n, ast.FunctionDef) and n.name == name)
    names = {a.arg for a in function.args.kwonlyargs}
    kwargs = function.args.kwarg
    if kwargs is not None and ast.unparse(kwargs.annotation or ast.Constant(None)).startswith("Unpack["):
        typed = ast.unparse(kwargs.annotation)[len("Unpack[") : -1]
        names |= set(getattr(ui, typed).__annotations__)
    if positional_too:
        names |= {a.arg for a in function.args.args if a.arg not in ("self", "cls")}
    return names


def core_fields(call) -> set[str]:
    """The fields the core names when ``call`` passes a keyword no struct has."""
    with pytest.raises(ui.InvalidOption, match="unknown (option|user) key") as refused:
        call()
    assert refused.value.key == "not_an_option"
    expected = re.search(r"expected one of (.*)$", str(refused.value))
    assert expected, str(refused.value)
    return set(expected.group(1).split(", "))


SECRET = "a-secret-of-32-bytes-or-more-0123456789"
TOKENS = ui.TokenSigner(SECRET)
BAD = {"not_an_option": 1}
CASES = [
    ("Signer.__new__", lambda: ui.Signer(SECRET, **BAD), set(), False),
    ("Signer.from_file", lambda: ui.Signer.from_file(__file__, **BAD), set(), False),
    ("TokenSigner.__new__", lambda: ui.TokenSigner(SECRET, **BAD), set(), False),
    # The user's fields (TokenUserInput) and the mint options (MintConfig), as the keywords of
    # the generated `MintKeywords`, after `email` and `name`.
    ("TokenSigner.mint_token", lambda: TOKENS.mint_token("a@b.c", **BAD), set(), True),
    ("TokenSigner.verify_token", lambda: TOKENS.verify_token("x", **BAD), set(), False),
    ("TokenSigner.explain_token", lambda: TOKENS.explain_token("x", **BAD), set(), False),
    ("portal_csp", lambda: ui.portal_csp("acme", **BAD), set(), False),
    # `base_url` is the struct's too, given first.
    ("portal_boot_script", lambda: ui.portal_boot_script("https://acme.unthread.io", **BAD), set(), True),
]


@pytest.mark.parametrize(("function", "call", "extra", "positional"), CASES, ids=[c[0] for c in CASES])
def test_each_functions_keywords_in_the_stub_are_its_core_structs_fields(function, call, extra, positional):
    assert stub_keywords(function, positional_too=positional) == core_fields(call) | extra


def test_from_env_takes_the_constructors_keywords():
    for owner in ("Signer", "TokenSigner"):
        init = stub_keywords(f"{owner}.__new__", positional_too=False)
        assert stub_keywords(f"{owner}.from_env", positional_too=False) == init


def test_an_unknown_keyword_names_the_options_that_exist():
    with pytest.raises(ui.InvalidOption, match='"ttl": expected one of kid, secret_encoding'):
        ui.TokenSigner(SECRET, ttl=60)
