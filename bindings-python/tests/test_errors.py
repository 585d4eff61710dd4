"""One error tree: every exception is an ``IdentityError`` with a stable ``code``, the same code
Node's error carries for the same bad value; token refusals are ``Token<Reason>`` classes."""

import pytest

import unthread_identity as ui

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
