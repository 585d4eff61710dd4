"""One error tree: every exception is an ``IdentityError`` with a stable ``code``, the same code
Node's error carries for the same bad value; token refusals are ``Token<Reason>`` classes."""

import ast
from pathlib import Path

import pytest

import unthread_identity as ui
from unthread_identity import TokenSigner

CASES = [
    ("empty secret", lambda: ui.Signer(""), ui.InvalidSecret, "ERR_INVALID_SECRET"),
    ("exposed variable", lambda: ui.Signer.from_env("NEXT_PUBLIC_UNTHREAD"), ui.ExposedSecretVariable,
     "ERR_EXPOSED_SECRET_VARIABLE"),
    ("email without @", lambda: ui.Signer("s").sign("nope"), ui.InvalidEmail, "ERR_INVALID_EMAIL"),
    ("hash mismatch", lambda: ui.Signer("s").start_script({"email": "a@b", "emailHash": "0" * 64}),
     ui.EmailHashMismatch, "ERR_EMAIL_HASH_MISMATCH"),
    ("bad nonce", lambda: ui.stop_script(nonce="a b"), ui.InvalidNonce, "ERR_INVALID_NONCE"),
    ("unknown policy", lambda: ui.Signer("s", email_policy="loose"), ui.InvalidOption, "ERR_INVALID_OPTION"),
    ("ttl -1", lambda: ui.TokenSigner("s", ttl_seconds=-1), ui.InvalidOption, "ERR_INVALID_OPTION"),
    ("time in ms", lambda: ui.TokenSigner("s").mint_token("a@b", issued_at=1 << 50), ui.InvalidOption,
     "ERR_INVALID_OPTION"),
    ("malformed token", lambda: ui.TokenSigner("s").verify_token("a.b.c"), ui.TokenMalformed,
     "ERR_TOKEN_MALFORMED"),
    ("too long token", lambda: ui.TokenSigner("s").verify_token("a" * 9000), ui.TokenTooLong,
     "ERR_TOKEN_TOO_LONG"),
]


@pytest.mark.parametrize(("what", "make", "cls", "code"), CASES, ids=[c[0] for c in CASES])
def test_every_exception_has_its_class_and_code(what, make, cls, code):
    with pytest.raises(cls) as raised:
        make()
    assert isinstance(raised.value, ui.IdentityError) and isinstance(raised.value, ValueError)
    assert raised.value.code == code


def test_token_classes_follow_one_pattern():
    token_classes = {name for name in dir(ui)
                     if isinstance(getattr(ui, name), type) and issubclass(getattr(ui, name), ui.InvalidToken)}
    assert token_classes - {"InvalidToken"} == {
        "TokenTooLong", "TokenMalformed", "TokenAlgorithm", "TokenUnknownKid", "TokenSignature",
        "TokenClaimType", "TokenMissingClaim", "TokenLifetime", "TokenIssuedInFuture", "TokenNotYetValid",
        "TokenExpired", "TokenAudience", "TokenIssuer",
    }


# The one error table: every code of the core is a class here, under the parent the table says,
# with the table's docstring, and the stub declares the same classes. Errors carry the values
# they name as attributes (PyJWT keeps ``.claim``).
STUB = Path(ui.__file__).with_name("_native.pyi")


def stub_classes() -> dict[str, tuple[str, str]]:
    tree = ast.parse(STUB.read_text())
    return {
        node.name: (node.bases[0].id, ast.get_docstring(node) or "")
        for node in tree.body
        if isinstance(node, ast.ClassDef) and node.bases and isinstance(node.bases[0], ast.Name)
    }


def test_every_code_has_its_class_here_and_in_the_stub():
    stub = stub_classes()
    assert len(ui.ERROR_CODES) == 20
    for code, cls in ui.ERROR_CODES.items():
        parent = cls.__mro__[1].__name__
        assert parent in ("IdentityError", "InvalidToken"), code
        assert code.startswith("ERR_TOKEN_") == (parent == "InvalidToken"), code
        assert getattr(ui, cls.__name__) is cls
        assert cls.__name__ in ui.__all__
        assert stub[cls.__name__] == (parent, cls.__doc__), f"_native.pyi differs from the core's table for {code}"


def test_a_refusal_carries_its_values():
    tokens = TokenSigner("s" * 32)
    jwt = tokens.mint_token("ada@example.com")["jwt"]
    with pytest.raises(ui.TokenExpired) as expired:
        tokens.verify_token(jwt, now=4_000_000_000)
    e = expired.value
    assert (e.code, e.now, e.now - e.exp) == ("ERR_TOKEN_EXPIRED", 4_000_000_000, e.ago)
    other = TokenSigner("s" * 32, kid="k2")
    with pytest.raises(ui.TokenUnknownKid) as unknown:
        TokenSigner("t" * 32, kid="k1").verify_token(other.mint_token("ada@example.com")["jwt"])
    assert unknown.value.kid == "k2"
    with pytest.raises(ui.InvalidOption) as option:
        TokenSigner("s" * 32, ttl_seconds=10**9)
    assert option.value.option == "ttl"
    with pytest.raises(ui.InvalidEmail) as batch:
        ui.Signer("k").sign_many(["a@b.c", "nope"])
    assert batch.value.index == 1
