"""Token mode: the PyJWT-made vectors, interop with PyJWT both ways, the refusals, argument
types, and the embed secret kept out of every output."""

import base64
import os
import pickle
import traceback

import jwt  # PyJWT, a test dependency only
import pytest

import unthread_identity as ui
from unthread_identity import TokenSigner

NOW = 1_800_000_000
SECRET = "interop-embed-secret-0123456789abcdef"


def signer_for(v: dict) -> TokenSigner:
    o = v["options"]
    return TokenSigner(
        v["secret"],
        kid=v["kid"],
        secret_encoding=v.get("secret_encoding"),
        previous_keys=v.get("previous") or None,
        ttl_seconds=o.get("ttl"),
        clock_skew_seconds=o.get("clock_skew"),
        audience=o.get("audience"),
        issuer=o.get("issuer"),
        claim_names=o.get("claim_names"),
        extra_claims=o.get("extra_claims"),
        email_policy=o.get("email_policy"),
    )


def test_mints_the_pyjwt_vectors_byte_for_byte(token_vectors):
    assert len(token_vectors["mint"]) >= 9
    for v in token_vectors["mint"]:
        user = v["user"]
        minted = signer_for(v).mint_token(
            user["email"], user.get("name"), id=user.get("id"),
            issued_at=v["issued_at"], jwt_id=v["jwt_id"],
        )
        assert minted == {"jwt": v["jwt"], "expiresAt": v["expires_at"]}, v["name"]


def test_verifies_and_explains_the_pyjwt_vectors(token_vectors):
    assert len(token_vectors["verify"]) >= 36
    for v in token_vectors["verify"]:
        signer = signer_for(v)
        try:
            claims = signer.verify_token(v["jwt"], now=v["now"])
            assert isinstance(claims["exp"], int)
            code = "VALID"
        except ui.InvalidToken as error:
            code = error.code
        assert code == v["code"], v["name"]
        diagnosis = signer.explain_token(v["jwt"], now=v["now"])
        assert diagnosis["code"] == v["diagnosis"], (v["name"], diagnosis["message"])
        assert diagnosis["valid"] == (code == "VALID")


def test_pyjwt_verifies_the_tokens_minted_here():
    signer = TokenSigner(SECRET, kid="2026-11", audience="portal", issuer="https://app.example")
    minted = signer.mint_token("zoë@exämple.com", "Zoë 😀")
    header = jwt.get_unverified_header(minted["jwt"])
    assert header == {"alg": "HS256", "kid": "2026-11", "typ": "JWT"}
    claims = jwt.decode(minted["jwt"], SECRET, algorithms=["HS256"], audience="portal",
                        issuer="https://app.example")
    assert claims["email"] == "zoë@exämple.com" and claims["name"] == "Zoë 😀"
    assert claims["exp"] == minted["expiresAt"]
    assert claims["exp"] - claims["iat"] == 300 and claims["iat"] - claims["nbf"] == 30
    assert len(claims["jti"]) == 22


def claims(**over):
    base = {"sub": "ada@example.com", "email": "ada@example.com", "iat": NOW,
            "nbf": NOW - 30, "exp": NOW + 300, "jti": "j"}
    base.update(over)
    return base


def code_of(signer: TokenSigner, token: str, now: int = NOW) -> str:
    try:
        signer.verify_token(token, now=now)
        return "VALID"
    except ui.InvalidToken as error:
        return error.code


def test_tokens_pyjwt_mints_are_verified_here_and_its_refusals_are_ours():
    signer = TokenSigner(SECRET, kid="new", previous_keys=[{"secret": "old-embed-secret", "kid": "old"}])
    enc = lambda payload, key=SECRET, **kw: jwt.encode(payload, key, **kw)  # noqa: E731
    assert code_of(signer, enc(claims(), headers={"kid": "new"})) == "VALID"
    assert code_of(signer, enc(claims())) == "VALID"
    assert code_of(signer, enc(claims(), "old-embed-secret", headers={"kid": "old"})) == "VALID"
    assert code_of(signer, enc(claims(), headers={"kid": "gone"})) == "ERR_TOKEN_UNKNOWN_KID"
    assert code_of(signer, enc(claims(), headers={"kid": "old"})) == "ERR_TOKEN_SIGNATURE"
    assert code_of(signer, enc(claims(), algorithm="HS384")) == "ERR_TOKEN_ALGORITHM"
    assert code_of(signer, enc(claims(), None, algorithm="none")) == "ERR_TOKEN_ALGORITHM"
    assert code_of(signer, enc(claims(), "another-secret")) == "ERR_TOKEN_SIGNATURE"
    assert code_of(signer, enc(claims(exp=NOW - 31, iat=NOW - 331))) == "ERR_TOKEN_EXPIRED"
    assert code_of(signer, enc(claims(nbf=NOW + 31))) == "ERR_TOKEN_NOT_YET_VALID"
    assert code_of(signer, enc(claims(exp=(NOW + 300) * 1000))) == "ERR_TOKEN_LIFETIME"
    assert code_of(signer, enc(claims(pad="x" * 9000))) == "ERR_TOKEN_TOO_LONG"
    # Leeway edges, the same as PyJWT's `leeway`.
    token = enc(claims())
    assert code_of(signer, token, NOW + 329) == "VALID"
    assert code_of(signer, token, NOW + 330) == "ERR_TOKEN_EXPIRED"
    # Each refusal is its own class, and every one is an InvalidToken and a ValueError.
    with pytest.raises(ui.TokenExpired) as info:
        signer.verify_token(token, now=NOW + 330)
    assert isinstance(info.value, ui.InvalidToken) and isinstance(info.value, ValueError)
    with pytest.raises(ui.TokenAlgorithm):
        signer.verify_token(enc(claims(), algorithm="HS512"), now=NOW)
    with pytest.raises(ui.TokenUnknownKid):
        signer.verify_token(enc(claims(), headers={"kid": "gone"}), now=NOW)


def test_the_doctor_names_the_usual_mistakes():
    signer = TokenSigner(SECRET, kid="k1")
    explain = lambda token: signer.explain_token(token, now=NOW)  # noqa: E731
    assert explain(jwt.encode(claims(exp=1_830_000_000_000), SECRET))["code"] == "EXP_IN_MILLISECONDS"
    assert explain(jwt.encode(claims(exp=str(NOW + 300)), SECRET))["code"] == "CLAIM_TYPE"
    typo = explain(jwt.encode(claims(emial="x"), SECRET))
    assert typo["code"] == "VALID" and typo["extra_claims"] == ["emial"]
    text = "aW50ZXJvcC1rZXktYnl0ZXM"
    decoded = TokenSigner(text).explain_token(
        jwt.encode(claims(), base64.b64decode(text + "=")), now=NOW)
    assert decoded["code"] == "SECRET_ENCODING" and "base64-decoded" in decoded["message"]
    other = explain(jwt.encode(claims(), "workspace-b"))
    assert other["code"] == "SIGNATURE" and other["fingerprint"] == signer.fingerprint
    assert explain("x" * 10_000)["code"] == "TOO_LONG"
    assert explain("not a token")["code"] == "MALFORMED"


def test_wrong_types_are_type_errors_and_bad_values_invalid_option():
    with pytest.raises(TypeError):
        TokenSigner(42)  # type: ignore[arg-type]
    for bad in ("300", True):
        with pytest.raises(TypeError):
            TokenSigner(SECRET, ttl_seconds=bad)  # type: ignore[arg-type]
    # A number that is no whole count of seconds is an option error, as in Node (conformance).
    with pytest.raises(ui.InvalidOption):
        TokenSigner(SECRET, ttl_seconds=1.5)
    assert TokenSigner(SECRET, ttl_seconds=120.0).ttl_seconds == 120
    with pytest.raises(ui.InvalidOption, match="milliseconds"):
        TokenSigner(SECRET, ttl_seconds=300_000)
    for kwargs in ({"ttl_seconds": 3601}, {"ttl_seconds": -1}, {"secret_encoding": "base32"},
                   {"extra_claims": {"exp": 1}}, {"claim_names": {"email": "sub"}},
                   {"claim_names": {"mail": "x"}}):
        with pytest.raises(ui.InvalidOption):
            TokenSigner(SECRET, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(ui.InvalidSecret):
        TokenSigner("not hex!", secret_encoding="hex")
    with pytest.raises(TypeError):
        TokenSigner(SECRET, previous_keys=[{"kid": "x"}])
    with pytest.raises(ui.InvalidOption):  # a value that is not JSON, as in Node
        TokenSigner(SECRET, extra_claims={"when": object()})
    signer = TokenSigner(SECRET)
    with pytest.raises(TypeError):
        signer.mint_token(None)  # type: ignore[arg-type]
    with pytest.raises(ui.InvalidEmail):
        signer.mint_token("not an email")
    with pytest.raises(ui.InvalidOption, match="milliseconds"):
        signer.mint_token("a@b.c", issued_at=1_800_000_000_000)
    with pytest.raises(TypeError):
        signer.verify_token(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(ui.TokenTooLong):
        signer.verify_token("a" * (64 << 20))
    with pytest.raises(ui.TokenMalformed):
        signer.verify_token("\ud800.a.b")
    with pytest.raises(TypeError):
        pickle.dumps(signer)


def test_the_embed_secret_is_read_from_its_own_variable(monkeypatch):
    monkeypatch.setenv("UNTHREAD_PORTAL_EMBED_SECRET", SECRET)
    assert TokenSigner.from_env(kid="k").fingerprint == TokenSigner(SECRET).fingerprint
    assert TokenSigner.from_env(kid="k").kid == "k"
    with pytest.raises(ui.ExposedSecretVariable):
        TokenSigner.from_env("VITE_UNTHREAD_PORTAL_EMBED_SECRET")
    with pytest.raises(ui.InvalidOption, match='"ttl": expected one of kid,'):
        TokenSigner.from_env(ttl=5)  # type: ignore[call-arg]
    monkeypatch.delenv("UNTHREAD_PORTAL_EMBED_SECRET")
    with pytest.raises(ui.InvalidSecret):
        TokenSigner.from_env()


def test_no_output_shows_the_embed_secret():
    canary = "canary-embed-secret-71b2"
    signer = TokenSigner(canary, kid="k")
    outputs = [repr(signer), str(signer)]
    token = signer.mint_token("a@b.c")["jwt"]
    for t in (token, jwt.encode(claims(), SECRET), "a.b.c", token[:-3]):
        outputs.append(repr(signer.explain_token(t)))
        try:
            signer.verify_token(t, now=NOW)
        except ui.InvalidToken as error:
            outputs.append("".join(traceback.format_exception(error)))
    for bad in (f"{canary} ", f"{canary}\n", f"{canary}\ud800"):
        try:
            TokenSigner(bad)
        except ui.IdentityError as error:
            outputs.append("".join(traceback.format_exception(error)) + repr(error.args))
            assert error.__cause__ is None and error.__context__ is None
    try:
        TokenSigner(f"{canary}!", secret_encoding="base64")
    except ui.InvalidSecret as error:
        outputs.append("".join(traceback.format_exception(error)))
    assert all(canary not in output for output in outputs)
    assert "fingerprint=" in repr(signer)
    os.environ.pop("UNTHREAD_PORTAL_EMBED_SECRET", None)


def test_the_committed_vectors_are_what_pyjwt_makes_now():
    import pathlib
    import subprocess
    import sys

    script = pathlib.Path(__file__).resolve().parents[2] / "testdata" / "generate_token_vectors.py"
    subprocess.run([sys.executable, str(script), "--check"], check=True)


def test_a_whole_number_id_is_its_decimal_text_as_in_node():
    tokens = TokenSigner(SECRET)
    sub = lambda id: tokens.verify_token(tokens.mint_token("ada@example.com", id=id)["jwt"])["sub"]  # noqa: E731
    assert sub(42) == "42"
    assert sub("42") == "42"
    assert sub(9007199254740991) == "9007199254740991"
    assert sub(42.0) == "42"  # the number JavaScript would pass; -0.0 is "0"
    assert sub(-0.0) == "0"
    # One rule with Node and Rust (the core's UserId): no bool, bytes, fraction, or integer
    # beyond 2^53 - 1 (pass a larger key as a string).
    for bad in (1.5, True, b"42", 2**53, 2**70, object()):
        with pytest.raises(TypeError, match="id must be a str or a whole number of at most 2"):
            sub(bad)
