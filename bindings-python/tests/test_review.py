"""The reproductions of the adversarial review of token mode (issue 18), as Python shows them.
The crash cases run in child processes, so that a crash fails its test instead of the run."""

import base64
import hashlib
import hmac
import json
import os
import random
import struct
import subprocess
import sys

import pytest

import unthread_identity as ui
from unthread_identity import AllowedOrigins, InvalidOption, TokenSigner

SECRET = "review-embed-secret-of-32-bytes!"
NOW = 1_800_000_000
MAX_CLAIM_DEPTH = 32
CLAIMS = {"sub": "u1", "email": "ada@example.com", "iat": NOW, "nbf": NOW - 30, "exp": NOW + 300, "jti": "j"}


def forge(header: dict, payload: dict, secret: str = SECRET) -> str:
    """A token with any header and payload, signed with Python's own hmac."""
    b64 = lambda v: base64.urlsafe_b64encode(json.dumps(v).encode()).rstrip(b"=").decode()  # noqa: E731
    signing_input = f"{b64(header)}.{b64(payload)}"
    tag = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{base64.urlsafe_b64encode(tag).rstrip(b'=').decode()}"


def nested(depth: int, leaf=1):
    value = leaf
    for _ in range(depth):
        value = {"a": value}
    return value


CRASHES = [
    ("a cyclic dict", "(lambda o: (o.__setitem__('self', o), o)[1])({})"),
    ("a cyclic list", "(lambda a: (a.append(a), {'a': a})[1])([])"),
    ("a 20,000-deep dict", "(lambda: [v := 1] and [v := {'a': v} for _ in range(20000)][-1])()"),
]


@pytest.mark.parametrize(("what", "claims"), CRASHES, ids=[c[0] for c in CRASHES])
def test_review_1_deep_or_cyclic_extra_claims_are_invalid_option(what, claims):
    script = (
        "import json, sys, unthread_identity as u\n"
        f"try:\n    u.TokenSigner('secret', extra_claims={claims})\n    out = 'accepted'\n"
        "except BaseException as e:\n    out = type(e).__name__ + ': ' + str(e)\n"
        "sys.stdout.write(out)"
    )
    child = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert child.returncode == 0, f"{what}: the process died ({child.returncode}): {child.stderr}"
    assert child.stdout.startswith("InvalidOption: "), child.stdout
    assert "extra_claims" in child.stdout


def test_review_1_extra_claims_exactly_at_the_depth_limit():
    tokens = TokenSigner(SECRET, extra_claims={"a": nested(MAX_CLAIM_DEPTH - 1, "leaf")})
    back = tokens.verify_token(tokens.mint_token("ada@example.com")["jwt"])["a"]
    for _ in range(MAX_CLAIM_DEPTH - 1):
        back = back["a"]
    assert back == "leaf"
    with pytest.raises(InvalidOption, match="nested more than 32 levels"):
        TokenSigner(SECRET, extra_claims={"a": nested(MAX_CLAIM_DEPTH, "leaf")})
    shared = {"x": 1}
    TokenSigner(SECRET, extra_claims={"a": shared, "b": shared})  # the same dict twice is no cycle


def test_review_2_kid_is_never_shortened():
    for length in (64, 65, 100, 128):
        tokens = TokenSigner(SECRET, kid="k" * length)
        jwt = tokens.mint_token("ada@example.com", issued_at=NOW)["jwt"]
        assert tokens.verify_token(jwt, now=NOW)["email"] == "ada@example.com"
        assert tokens.explain_token(jwt, now=NOW)["code"] == "VALID"
    primary = "p" * 64 + "-2026"
    rotated = TokenSigner(SECRET, kid=primary,
                          previous_keys=[{"secret": "the-previous-embed-secret-32-byte", "kid": "p" * 64}])
    jwt = rotated.mint_token("ada@example.com", issued_at=NOW)["jwt"]
    assert rotated.verify_token(jwt, now=NOW)["email"] == "ada@example.com"
    doctor = rotated.explain_token(jwt, now=NOW)
    assert (doctor["code"], doctor["kid"]) == ("VALID", primary)
    configured = TokenSigner(SECRET, kid="k" * 64)
    sneaky = forge({"alg": "HS256", "kid": "k" * 64 + "-not-configured"}, CLAIMS)
    with pytest.raises(ui.TokenUnknownKid):
        configured.verify_token(sneaky, now=NOW)
    assert configured.explain_token(sneaky, now=NOW)["kid"] == "k" * 64 + "-not-configured"
    with pytest.raises(ui.TokenMalformed):
        configured.verify_token(forge({"alg": "HS256", "kid": "k" * 129}, CLAIMS), now=NOW)


@pytest.mark.parametrize("header", [
    {"alg": "HS256", "crit": None}, {"alg": "HS256", "crit": []}, {"alg": "HS256", "crit": ["exp"]},
    {"alg": "HS256", "kid": None}, {"alg": "HS256", "kid": 7},
], ids=str)
def test_review_3_crit_and_non_string_kid_are_malformed(header):
    tokens = TokenSigner(SECRET)
    assert tokens.verify_token(forge({"alg": "HS256"}, CLAIMS), now=NOW)["sub"] == "u1"
    with pytest.raises(ui.TokenMalformed):
        tokens.verify_token(forge(header, CLAIMS), now=NOW)
    assert tokens.explain_token(forge(header, CLAIMS), now=NOW)["code"] == "MALFORMED"


def test_review_4_float_claims_keep_their_value():
    rng = random.Random(2026)
    floats = [6.51592972722763e76, 1e300, -1e-300, 0.1, 2.0**64]
    while len(floats) < 2000:
        f = struct.unpack("<d", rng.getrandbits(64).to_bytes(8, "little"))[0]
        if f == f and abs(f) != float("inf"):
            floats.append(f)
    tokens = TokenSigner(SECRET)
    changed = 0
    for i in range(0, len(floats), 150):
        chunk = floats[i:i + 150]
        jwt = forge({"alg": "HS256"}, {**CLAIMS, "floats": chunk})
        verified = tokens.verify_token(jwt, now=NOW)["floats"]
        explained = tokens.explain_token(jwt, now=NOW)["claims"]["floats"]
        changed += sum(1 for f, v, e in zip(chunk, verified, explained) if repr(f) != repr(v) or repr(f) != repr(e))
    assert changed == 0, f"{changed} of {len(floats)} floats changed"


def test_review_4_extra_claim_numbers_are_exact_or_refused():
    for n in (2**64 - 1, -(2**63), 2**53 + 1, 1e300, -1e300, 0.1, 2.0**53):
        tokens = TokenSigner(SECRET, extra_claims={"n": n})
        got = tokens.verify_token(tokens.mint_token("ada@example.com")["jwt"])["n"]
        assert (type(got), got) == (type(n), n), f"{n!r} became {got!r}"
    # The core's one number rule (as for a user id, and as JavaScript has it): a whole float
    # within 2^53 - 1 is an integer, and -0.0 is 0.
    for n, written in ((5.0, 5), (-0.0, 0), (2.0**53 - 1, 2**53 - 1)):
        tokens = TokenSigner(SECRET, extra_claims={"n": n})
        got = tokens.verify_token(tokens.mint_token("ada@example.com")["jwt"])["n"]
        assert (type(got), got) == (int, written), f"{n!r} became {got!r}"
    for n in (2**64, 2**64 + 1, -(2**63) - 1, 10**400, float("nan"), float("inf"), -float("inf")):
        with pytest.raises(InvalidOption, match=r"extra_claims\[\"n\"\]"):
            TokenSigner(SECRET, extra_claims={"n": n})
    for bad in ({1, 2}, b"bytes", object(), {1: "int key"}):
        with pytest.raises(InvalidOption):
            TokenSigner(SECRET, extra_claims={"x": bad})


def test_review_5_lone_surrogates_never_merge_identities():
    tokens = TokenSigner(SECRET)
    for user_id in ("user\ud800", "user\udfff", "\udc00user"):
        with pytest.raises(InvalidOption, match="lone surrogate"):
            tokens.mint_token("ada@example.com", id=user_id)
    jwt = tokens.mint_token("ada@example.com", id="user\ufffd")["jwt"]
    assert tokens.verify_token(jwt)["sub"] == "user\ufffd"
    with pytest.raises(ui.InvalidEmail):
        tokens.mint_token("ada\ud800@example.com")
    named = tokens.mint_token("ada@example.com", "Ada\ud800")["jwt"]
    assert tokens.verify_token(named)["name"] == "Ada\ufffd"  # display names: U+FFFD


def test_review_6_allowed_origins_decides_on_raw_values():
    allowed = AllowedOrigins(["https://app.example.com"])
    app = "https://app.example.com"
    assert allowed.allows(app) and allowed.allows(app.encode()) and allowed.allows([app.encode()])
    assert not allowed.allows([app, app]), "two Origin headers"
    assert not allowed.allows([b"https://evil.example", app.encode()])
    assert not allowed.allows(b"https://evil.example\xff")
    assert not allowed.allows("https://app.example.com\xff")  # WSGI's Latin-1 decoding of 0xFF
    assert not allowed.allows(b"https://app.example.com\xff")
    assert allowed.allows(None)
    assert allowed.allows([])
    assert not allowed.allows(None, "CROSS-SITE")
    assert not allowed.allows(None, [b"same-origin", b"same-origin"])
    assert not allowed.allows(None, "same-origin,same-origin")  # WSGI's join
    assert allowed.allows(None, "Same-Origin") and allowed.allows(None, b"none")
    with pytest.raises(TypeError):
        allowed.allows(5)
    with pytest.raises(TypeError):
        allowed.allows({"origin": app})


def test_review_7_secrets_and_keys(monkeypatch):
    with pytest.raises(TypeError):
        ui.Signer(SECRET, previous_secrets={"old": 1})
    with pytest.raises(TypeError):
        TokenSigner(SECRET, previous_keys={"secret": "x"})
    monkeypatch.delenv("UNTHREAD_PORTAL_EMBED_SECRET", raising=False)
    monkeypatch.delenv("PORTAL_EMBED_SECRET", raising=False)
    with pytest.raises(ui.InvalidSecret) as missing:
        TokenSigner.from_env()
    assert "UNTHREAD_PORTAL_EMBED_SECRET" in str(missing.value) and "embed secret" in str(missing.value)
    assert "identity verification" not in str(missing.value)
    monkeypatch.setenv("PORTAL_EMBED_SECRET", SECRET)
    assert TokenSigner.from_env().fingerprint == TokenSigner(SECRET).fingerprint
    monkeypatch.setenv("UNTHREAD_PORTAL_EMBED_SECRET", "a-different-embed-secret-value")
    with pytest.raises(ui.InvalidSecret) as conflict:
        TokenSigner.from_env()
    text = str(conflict.value)
    assert "UNTHREAD_PORTAL_EMBED_SECRET" in text and " PORTAL_EMBED_SECRET" in text
    assert SECRET not in text and "a-different" not in text
    monkeypatch.delenv("PORTAL_EMBED_SECRET")
    for value in ("\ufeff" + SECRET, "sec\u200bret-of-a-good-length-for-hs256", SECRET + "\u2060"):
        monkeypatch.setenv("UNTHREAD_PORTAL_EMBED_SECRET", value)
        with pytest.raises(ui.InvalidSecret, match="invisible"):
            TokenSigner.from_env()
    for name in ("UMI_APP_X", "GRIDSOME_X", "PREACT_APP_X", "RENDERER_VITE_X"):
        monkeypatch.setenv(name, SECRET)
        with pytest.raises(ui.ExposedSecretVariable):
            TokenSigner.from_env(name)
    assert TokenSigner(SECRET).warnings == []
    assert len(TokenSigner("demo").warnings) == 1 and "RFC 7518" in TokenSigner("demo").warnings[0]


@pytest.mark.parametrize(("text", "code"), [
    ("é" * 5000, "ERR_TOKEN_TOO_LONG"),  # 5,000 characters, 10,000 UTF-8 bytes
    ("\ud800" * 3000, "ERR_TOKEN_TOO_LONG"),  # 9,000 bytes as Node counts them
    ("\ud800" * 2000, "ERR_TOKEN_MALFORMED"),
    ("\ud800" + "a" * (64 << 20), "ERR_TOKEN_TOO_LONG"),
    ("é" * (64 << 20), "ERR_TOKEN_TOO_LONG"),
], ids=["2-byte over", "surrogates over", "surrogates under", "64 MiB with a surrogate", "64 MiB non-ASCII"])
def test_review_7_token_length_is_measured_before_any_copy(text, code):
    tokens = TokenSigner(SECRET)
    with pytest.raises(ui.InvalidToken) as refused:
        tokens.verify_token(text)
    assert refused.value.code == code
    assert tokens.explain_token(text)["code"] == code.removeprefix("ERR_TOKEN_")


@pytest.mark.parametrize(("char", "width"), [("a", 1), ("é", 2), ("€", 3), ("😀", 4), ("\ud800", 3)])
def test_review_7_token_length_is_exact_at_every_length_around_the_cap(char, width):
    """The same codes and lengths as Node's test of the same name (a lone surrogate counts as
    the 3 bytes of U+FFFD)."""
    tokens = TokenSigner(SECRET)
    cap = 8192
    for total in range(cap - 8, cap + 9):
        for n in (1, 2, 3):
            jwt = "a" * (total - n * width) + char * n
            over = total > cap
            with pytest.raises(ui.InvalidToken) as refused:
                tokens.verify_token(jwt)
            assert refused.value.code == ("ERR_TOKEN_TOO_LONG" if over else "ERR_TOKEN_MALFORMED"), (total, n)
            if over:
                assert f"is at least {total} bytes long" in str(refused.value)
            assert tokens.explain_token(jwt)["code"] == ("TOO_LONG" if over else "MALFORMED")


@pytest.mark.parametrize(("char", "width"), [("a", 1), ("é", 2), ("€", 3), ("😀", 4), ("\ud800", 3)])
def test_review_7_token_length_around_four_times_the_cap(char, width):
    """Past 32,768 characters a token is refused by its character count, a lower bound of its
    bytes, without encoding it; up to there its UTF-8 length is exact (a lone surrogate counts
    3). The same edge as Node's, measured in code points here."""
    tokens = TokenSigner(SECRET)
    edge = 4 * 8192
    for chars in range(edge - 4, edge + 5):
        for n in (1, 2):
            jwt = "a" * (chars - n) + char * n
            assert len(jwt) == chars
            expected = chars if chars > edge else len(jwt.encode("utf-8", "surrogatepass"))
            with pytest.raises(ui.TokenTooLong, match=f"at least {expected} bytes"):
                tokens.verify_token(jwt)
            assert tokens.explain_token(jwt)["code"] == "TOO_LONG"
