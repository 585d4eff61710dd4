#!/usr/bin/env python3
"""Writes testdata/token_vectors.json: the token-mode vectors of the Rust, Node and Python suites.

Every token here is made by PyJWT (or, for the algorithms PyJWT would need other keys for, by
`hmac` and `base64` by hand), never by the Rust core. The core must mint the "mint" cases byte
for byte (claims in its documented order: subject, email, name, iat, nbf, exp, jti, aud, iss,
extra claims), and give each "verify" case its code and each doctor case its diagnosis.

Run it with the dev virtualenv: `.venv/bin/python testdata/generate_token_vectors.py`;
`--check` only compares (the Python suite runs that, so the committed file cannot drift).
"""

import base64
import hashlib
import hmac
import json
import pathlib
import sys

import jwt  # PyJWT

OUT = pathlib.Path(__file__).with_name("token_vectors.json")
NOW = 1_800_000_000
SECRET = "embed-secret-for-vectors"
OLD = "the-previous-embed-secret"


class Utf8Encoder(json.JSONEncoder):
    """PyJWT writes compact JSON; the core writes UTF-8 rather than \\u escapes."""

    def __init__(self, *args, **kwargs):
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def encode(payload, key, kid=None, algorithm="HS256"):
    headers = {"kid": kid} if kid is not None else None
    return jwt.encode(payload, key, algorithm=algorithm, headers=headers, json_encoder=Utf8Encoder)


def by_hand(header: dict, payload: dict, key: bytes) -> str:
    """A token PyJWT will not make (an RS256 header on an HMAC), signed with hmac."""
    signing_input = b64(json.dumps(header, separators=(",", ":")).encode()) + "." + \
        b64(json.dumps(payload, separators=(",", ":")).encode())
    tag = hmac.new(key, signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + b64(tag)


def claims(email="ada@example.com", name=None, sub=None, iat=NOW, ttl=300, skew=30,
           jti="vector-jti-1", aud=None, iss=None, extra=None, names=None):
    names = names or {}
    out = {names.get("subject", "sub"): sub or email, names.get("email", "email"): email}
    if name is not None:
        out[names.get("name", "name")] = name
    out["iat"] = iat
    out["nbf"] = iat - skew
    out["exp"] = iat + ttl
    out[names.get("jwt_id", "jti")] = jti
    if aud is not None:
        out["aud"] = aud
    if iss is not None:
        out["iss"] = iss
    out.update(extra or {})
    return out


def mint_cases():
    cases = []

    def case(name, user, payload, *, secret=SECRET, key=None, kid=None, encoding="text",
             options=None, issued_at=NOW, jwt_id="vector-jti-1"):
        token = encode(payload, key if key is not None else secret.encode(), kid)
        cases.append({
            "name": name, "secret": secret, "secret_encoding": encoding, "kid": kid,
            "options": options or {}, "user": user, "issued_at": issued_at, "jwt_id": jwt_id,
            "jwt": token, "expires_at": payload["exp"],
        })

    case("defaults", {"email": "ada@example.com"}, claims())
    case("name and kid", {"email": "ada@example.com", "name": "Ada Lovelace"},
         claims(name="Ada Lovelace"), kid="2026-11")
    case("user id as subject", {"email": "ada@example.com", "id": "user_42"},
         claims(sub="user_42"))
    case("unicode name and email", {"email": "zoë@exämple.com", "name": "Zoë \u2028 \U0001F600 \"q\" \\"},
         claims(email="zoë@exämple.com", name="Zoë \u2028 \U0001F600 \"q\" \\"))
    case("ttl, skew, audience, issuer",
         {"email": "ada@example.com"},
         claims(ttl=120, skew=10, aud="unthread-portal", iss="https://app.example.com"),
         options={"ttl": 120, "clock_skew": 10, "audience": "unthread-portal",
                  "issuer": "https://app.example.com"})
    names = {"subject": "user_id", "email": "user_email", "name": "display_name", "jwt_id": "nonce"}
    case("claim names and extra claims", {"email": "ada@example.com", "name": "Ada"},
         claims(name="Ada", names=names, extra={"plan": "pro", "seats": 5}),
         options={"claim_names": names, "extra_claims": {"plan": "pro", "seats": 5}})
    case("canonical email policy", {"email": "  Ada@Example.COM "},
         claims(email="ada@example.com"), options={"email_policy": "canonical"})
    raw = base64.b64encode(b"\x00\x01binary-embed-key\xff").decode()
    case("base64 secret", {"email": "ada@example.com"}, claims(), secret=raw,
         key=base64.b64decode(raw), encoding="base64")
    case("hex secret", {"email": "ada@example.com"}, claims(), secret="00ff10aa" * 4,
         key=bytes.fromhex("00ff10aa" * 4), encoding="hex")
    return cases


def verify_cases():
    cases = []
    key, old = SECRET.encode(), OLD.encode()

    def case(name, token, code, diagnosis, *, now=NOW, kid=None, previous=None, options=None):
        cases.append({
            "name": name, "secret": SECRET, "kid": kid, "previous": previous or [],
            "options": options or {}, "jwt": token, "now": now, "code": code,
            "diagnosis": diagnosis,
        })

    good = claims()
    case("valid", encode(good, key), "VALID", "VALID")
    # Leeway edges: the skew (30 s) is the leeway.
    case("exp + leeway - 1 s: valid", encode(good, key), "VALID", "VALID", now=NOW + 300 + 29)
    case("exp + leeway: expired", encode(good, key), "ERR_TOKEN_EXPIRED", "EXPIRED", now=NOW + 300 + 30)
    late = claims(iat=NOW + 60, skew=0)
    case("nbf = now + leeway: valid", encode(dict(late, nbf=NOW + 30, iat=NOW), key), "VALID", "VALID")
    case("nbf = now + leeway + 1: not yet valid", encode(dict(late, nbf=NOW + 31, iat=NOW), key),
         "ERR_TOKEN_NOT_YET_VALID", "NOT_YET_VALID")
    case("iat in the future", encode(claims(iat=NOW + 31), key),
         "ERR_TOKEN_ISSUED_IN_FUTURE", "ISSUED_IN_FUTURE")
    case("iat = now + leeway: valid", encode(claims(iat=NOW + 30), key), "VALID", "VALID")
    case("expired an hour ago", encode(claims(iat=NOW - 3600), key), "ERR_TOKEN_EXPIRED", "EXPIRED")
    case("exp in milliseconds", encode(dict(good, exp=(NOW + 300) * 1000), key),
         "ERR_TOKEN_LIFETIME", "EXP_IN_MILLISECONDS")
    case("exp as a string", encode(dict(good, exp=str(NOW + 300)), key),
         "ERR_TOKEN_CLAIM_TYPE", "CLAIM_TYPE")
    case("exp as a fraction", encode(dict(good, exp=NOW + 300.5), key),
         "ERR_TOKEN_CLAIM_TYPE", "CLAIM_TYPE")
    case("lifetime of two hours", encode(claims(iat=NOW, ttl=7200), key),
         "ERR_TOKEN_LIFETIME", "LIFETIME")
    no_email = dict(good)
    del no_email["email"]
    case("no email claim", encode(no_email, key), "ERR_TOKEN_MISSING_CLAIM", "MISSING_CLAIM")
    no_exp = dict(good)
    del no_exp["exp"]
    case("no exp claim", encode(no_exp, key), "ERR_TOKEN_MISSING_CLAIM", "MISSING_CLAIM")
    case("alg none", encode(good, None, algorithm="none"), "ERR_TOKEN_ALGORITHM", "ALGORITHM")
    case("HS384", encode(good, key, algorithm="HS384"), "ERR_TOKEN_ALGORITHM", "ALGORITHM")
    case("HS512", encode(good, key, algorithm="HS512"), "ERR_TOKEN_ALGORITHM", "ALGORITHM")
    case("RS256 header", by_hand({"alg": "RS256", "typ": "JWT"}, good, key),
         "ERR_TOKEN_ALGORITHM", "ALGORITHM")
    case("another secret", encode(good, b"some-other-workspace-secret"),
         "ERR_TOKEN_SIGNATURE", "SIGNATURE")
    case("secret base64-decoded by the minter",
         encode(good, base64.b64decode(SECRET + "=" * (-len(SECRET) % 4), altchars=b"-_")),
         "ERR_TOKEN_SIGNATURE", "SECRET_ENCODING")
    token = encode(good, key)
    head, body, sig = token.split(".")
    case("payload changed after signing",
         head + "." + b64(json.dumps(dict(good, email="eve@example.com"), separators=(",", ":")).encode()) + "." + sig,
         "ERR_TOKEN_SIGNATURE", "SIGNATURE")
    case("truncated signature", token[:-2], "ERR_TOKEN_SIGNATURE", "SIGNATURE")
    case("two parts", head + "." + body, "ERR_TOKEN_MALFORMED", "MALFORMED")
    case("not base64", "###." + body + "." + sig, "ERR_TOKEN_MALFORMED", "MALFORMED")
    case("oversize", encode(dict(good, padding="x" * 9000), key), "ERR_TOKEN_TOO_LONG", "TOO_LONG")
    # Rotation by kid.
    rotation = [{"secret": OLD, "kid": "2026-05"}]
    case("previous key by kid", encode(good, old, kid="2026-05"), "VALID", "VALID_PREVIOUS_KEY",
         kid="2026-11", previous=rotation)
    case("primary key by kid", encode(good, key, kid="2026-11"), "VALID", "VALID",
         kid="2026-11", previous=rotation)
    case("no kid: every key is tried", encode(good, old), "VALID", "VALID_PREVIOUS_KEY",
         kid="2026-11", previous=rotation)
    case("unknown kid", encode(good, key, kid="2025-01"), "ERR_TOKEN_UNKNOWN_KID", "UNKNOWN_KID",
         kid="2026-11", previous=rotation)
    case("kid names the other key", encode(good, old, kid="2026-11"), "ERR_TOKEN_SIGNATURE",
         "SIGNED_BY_OTHER_KEY", kid="2026-11", previous=rotation)
    # Audience and issuer.
    aud = {"audience": "unthread-portal", "issuer": "https://app.example.com"}
    case("audience and issuer", encode(claims(aud="unthread-portal", iss="https://app.example.com"), key),
         "VALID", "VALID", options=aud)
    case("audience in a list", encode(claims(aud=["x", "unthread-portal"], iss="https://app.example.com"), key),
         "VALID", "VALID", options=aud)
    case("wrong audience", encode(claims(aud="other", iss="https://app.example.com"), key),
         "ERR_TOKEN_AUDIENCE", "AUDIENCE", options=aud)
    case("audience not configured", encode(claims(aud="unthread-portal"), key),
         "ERR_TOKEN_AUDIENCE", "AUDIENCE")
    case("wrong issuer", encode(claims(aud="unthread-portal", iss="https://evil.example"), key),
         "ERR_TOKEN_ISSUER", "ISSUER", options=aud)
    case("extra claims are reported, not refused", encode(dict(good, emial="typo@example.com"), key),
         "VALID", "VALID")
    return cases


def main():
    vectors = {
        "about": "Token mode vectors: every token made by PyJWT (or hmac by hand), never by "
                 "the core. See generate_token_vectors.py.",
        "mint": mint_cases(),
        "verify": verify_cases(),
    }
    text = json.dumps(vectors, indent=1, ensure_ascii=False) + "\n"
    if "--check" in sys.argv[1:]:
        if OUT.read_text() != text:
            sys.exit(f"{OUT} differs from what PyJWT makes now: regenerate it")
        return
    OUT.write_text(text)


if __name__ == "__main__":
    main()
