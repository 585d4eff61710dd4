#!/usr/bin/env python3
"""Writes testdata/vectors.json: the shared test vectors of the Rust, Node and Python suites.

Every expected value here is computed by an implementation independent of the Rust core:
CPython's `hmac`/`hashlib` (OpenSSL's SHA-256) for hashes, `json.dumps` plus string
replacement for the rendered scripts, and the RFC 4231 text for the RFC cases (which this script
also checks against `hmac`). Run it with `python3 testdata/generate_vectors.py`; the output is
deterministic, so a diff shows any change.
"""

import hashlib
import hmac
import json
import pathlib
import unicodedata

OUT = pathlib.Path(__file__).with_name("vectors.json")


def h(secret: bytes, message: bytes) -> str:
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


# RFC 4231 section 4, HMAC-SHA-256 results.
RFC4231 = [
    ("1", "0b" * 20, b"Hi There".hex(),
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7", None),
    ("2", b"Jefe".hex(), b"what do ya want for nothing?".hex(),
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", None),
    ("3", "aa" * 20, "dd" * 50,
     "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe", None),
    ("4", "0102030405060708090a0b0c0d0e0f10111213141516171819", "cd" * 50,
     "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b", None),
    ("5", "0c" * 20, b"Test With Truncation".hex(),
     "a3b6167473100ee06e0c796c2955552b", 16),
    ("6", "aa" * 131, b"Test Using Larger Than Block-Size Key - Hash Key First".hex(),
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54", None),
    ("7", "aa" * 131,
     b"This is a test using a larger than block-size key and a larger than block-size data. "
     b"The key needs to be hashed before being used by the HMAC algorithm.".hex(),
     "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2", None),
]

SECRETS = {
    "1 byte": b"k",
    "32 bytes": bytes(range(32)),
    "64 bytes (one block)": bytes(range(64)),
    "65 bytes (hashed first)": bytes(range(65)),
    "200 bytes": bytes((i * 7 + 3) % 256 for i in range(200)),
    "non-ASCII text": "sécret-ключ-🔑".encode(),
    "typical": b"unthread-demo-secret-4f1c2a9e",
}

VISIBLE = "José.Müller@exämple.de"
EMAILS = [
    ("plain", "ada@example.com"),
    ("plus addressing", "ada+portal@example.com"),
    ("mixed case", "Ada.Lovelace@Example.COM"),
    ("subdomain", "grace@mail.eu.example.org"),
    ("digits and dashes", "user-01_x@ex-ample.io"),
    ("Unicode local part", "δοκιμή@example.com"),
    ("Unicode domain", "ada@例え.jp"),
    ("NFC form", unicodedata.normalize("NFC", VISIBLE)),
    ("NFD form (same visible address, other bytes)", unicodedata.normalize("NFD", VISIBLE)),
    ("astral character", "rocket🚀@example.com"),
    ("quoted local part with space", '"john doe"@example.com'),
    ("long address (320 bytes, the limit)", "l" * 64 + "@" + ("d" * 63 + ".") * 3 + "d" * 63),
    ("55 bytes (one inner block)", "a" * 43 + "@example.com"),
    ("56 bytes (two inner blocks)", "a" * 44 + "@example.com"),
]
CANONICAL = [
    ("canonical: trims and lowercases", "  Ada.Lovelace@Example.COM \t"),
    ("canonical: Unicode lowercase", "ÉLODIE@EXEMPLE.FR"),
    ("canonical: already canonical", "ada@example.com"),
]


def email_cases():
    cases = []
    for secret_name, secret in SECRETS.items():
        for email_name, email in EMAILS:
            # Every email with the typical secret; a spread of emails with each edge secret.
            if secret_name != "typical" and email_name not in ("plain", "NFD form (same visible address, other bytes)", "Unicode domain", "56 bytes (two inner blocks)"):
                continue
            cases.append(case(f"{email_name} / secret {secret_name}", secret, "exact", email, email))
    for name, email in CANONICAL:
        hashed = email.strip().lower()
        cases.append(case(name, SECRETS["typical"], "canonical", email, hashed))
    return cases


def case(name, secret, policy, email, hashed):
    c = {"name": name, "secret_hex": secret.hex()}
    try:
        c["secret_text"] = secret.decode()
    except UnicodeDecodeError:
        pass
    c.update(policy=policy, email=email, hashed_email=hashed, hash=h(secret, hashed.encode()))
    return c


ERRORS = [
    {"name": "empty secret", "secret_hex": "", "code": "ERR_INVALID_SECRET"},
    {"name": "empty email", "email": "", "code": "ERR_INVALID_EMAIL"},
    {"name": "no @", "email": "ada.example.com", "code": "ERR_INVALID_EMAIL"},
    {"name": "leading space", "email": " ada@example.com", "code": "ERR_INVALID_EMAIL"},
    {"name": "trailing newline", "email": "ada@example.com\n", "code": "ERR_INVALID_EMAIL"},
    {"name": "NUL inside", "email": "ada\u0000@example.com", "code": "ERR_INVALID_EMAIL"},
    {"name": "DEL inside", "email": "ada\u007f@example.com", "code": "ERR_INVALID_EMAIL"},
    {"name": "321 bytes", "email": "l" * 64 + "@" + "d" * 256, "code": "ERR_INVALID_EMAIL"},
    {"name": "only spaces, canonical", "email": "   ", "policy": "canonical", "code": "ERR_INVALID_EMAIL"},
    {"name": "unknown policy", "email": "ada@example.com", "policy": "lowercase", "code": "ERR_INVALID_OPTION"},
    {"name": "nonce with a quote", "email": "ada@example.com", "nonce": 'x" onload="alert(1)', "code": "ERR_INVALID_NONCE"},
    {"name": "nonce with a space", "email": "ada@example.com", "nonce": "a b", "code": "ERR_INVALID_NONCE"},
    {"name": "empty nonce", "email": "ada@example.com", "nonce": "", "code": "ERR_INVALID_NONCE"},
    # Text secrets (secret_text) follow the text rules; secret_hex is raw bytes, which do not.
    {"name": "text secret with a trailing newline", "secret_text": "s3cret\n", "email": "ada@example.com", "code": "ERR_INVALID_SECRET"},
    {"name": "text secret with a leading space", "secret_text": " s3cret", "email": "ada@example.com", "code": "ERR_INVALID_SECRET"},
    {"name": "text secret of whitespace only", "secret_text": " \t\n", "email": "ada@example.com", "code": "ERR_INVALID_SECRET"},
    {"name": "canonical, 1025 bytes before trimming", "email": " " * 1022 + "a@b", "policy": "canonical", "code": "ERR_INVALID_EMAIL"},
    {"name": "exact, 1025 bytes", "email": "a@" + "b" * 1023, "code": "ERR_INVALID_EMAIL"},
    {"name": "signed user whose hash is another email's", "email": "ada@example.com",
     "email_hash": h(SECRETS["typical"], b"eve@example.com"), "code": "ERR_EMAIL_HASH_MISMATCH"},
    {"name": "signed user whose hash is malformed", "email": "ada@example.com",
     "email_hash": "not a hash", "code": "ERR_EMAIL_HASH_MISMATCH"},
]


def verify_cases():
    s, old, other = SECRETS["typical"], b"old-secret", b"other-secret"
    e = "ada@example.com"
    good = h(s, e.encode())
    by_old = h(old, e.encode())
    return [
        {"name": "lowercase hex", "hash": good, "valid": True, "matched": "primary"},
        {"name": "uppercase hex", "hash": good.upper(), "valid": True, "matched": "primary"},
        {"name": "mixed-case hex", "hash": good[:32].upper() + good[32:], "valid": True, "matched": "primary"},
        {"name": "63 digits", "hash": good[:63], "valid": False},
        {"name": "65 digits", "hash": good + "0", "valid": False},
        {"name": "non-hex digit", "hash": good[:63] + "g", "valid": False},
        {"name": "surrounding space", "hash": " " + good[:63], "valid": False},
        {"name": "base64 instead of hex", "hash": hmac_b64(s, e), "valid": False},
        {"name": "empty", "hash": "", "valid": False},
        {"name": "wrong secret", "hash": h(other, e.encode()), "valid": False},
        {"name": "other email", "hash": h(s, b"eve@example.com"), "valid": False},
        {"name": "email differs in case (exact policy)", "email": "Ada@example.com", "hash": good, "valid": False},
        {"name": "invalid email", "email": "ada", "hash": h(s, b"ada"), "valid": False},
        {"name": "previous secret, still configured", "previous": [old.hex()], "hash": by_old, "valid": True, "matched": "previous"},
        {"name": "previous secret, removed", "hash": by_old, "valid": False},
        {"name": "primary with previous configured", "previous": [old.hex(), other.hex()], "hash": good, "valid": True, "matched": "primary"},
    ]


def hmac_b64(secret, email):
    import base64
    return base64.b64encode(hmac.new(secret, email.encode(), hashlib.sha256).digest()).decode()


def script_json(value) -> str:
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    for raw, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                     ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, esc)
    return text


# The wait-for-the-portal wrapper of the rendered calls, as the README documents it.
PORTAL_CALL = ('(function(a){var n=0;(function t(){var u=window.$unthread,h=(u||{}).helpCenter;'
               'if(typeof h==="function"){h.apply(u,a)}else if(200>n++){setTimeout(t,50)}})()})(%s);')


def user_cases():
    s = SECRETS["typical"]
    cases = []
    for name, policy, email, user_name, nonce in [
        ("email only", "exact", "ada@example.com", None, None),
        ("with name and nonce", "exact", "ada@example.com", "Ada Lovelace", "cmFuZG9t"),
        ("script break-out in name", "exact", "ada@example.com", "</script><script>alert(1)</script>", "abc+/=="),
        ("HTML comment and ampersand", "exact", "ada@example.com", "<!-- & -->", None),
        ("line separators and quotes", "exact", "ada@example.com", "a\u2028b\u2029c\"d'e\\f", None),
        ("control characters in name", "exact", "ada@example.com", "tab\there\nnew\u0001", "A-_9"),
        ("canonical email in object", "canonical", " Ada@Example.COM ", "Ada", None),
        ("Unicode", "exact", "δοκιμή@例え.jp", "Δοκιμή 🚀", None),
        ("canonical, 1024 bytes before trimming", "canonical", " " * 1021 + "a@b", None, None),
    ]:
        hashed = email.strip().lower() if policy == "canonical" else email
        user = {}
        if user_name is not None:
            user["name"] = user_name
        user.update(email=hashed, emailHash=h(s, hashed.encode()))
        attr = f' nonce="{nonce}"' if nonce else ""
        c = {"name": name, "secret_hex": s.hex(), "policy": policy, "email": email}
        if user_name is not None:
            c["user_name"] = user_name
        if nonce is not None:
            c["nonce"] = nonce
        c["json"] = json.dumps(user, separators=(",", ":"), ensure_ascii=False)
        c["start_script"] = f"<script{attr}>" + PORTAL_CALL % script_json(["start", {"user": user}]) + "</script>"
        c["stop_script"] = f"<script{attr}>" + PORTAL_CALL % '["stop"]' + "</script>"
        cases.append(c)
    return cases


def explain_cases():
    """Faulty hashes made with CPython's hmac/hashlib/base64, each with the code it must get."""
    import base64
    import unicodedata

    s = "unthread-demo-secret-4f1c2a9e"
    key = s.encode()
    e = "ada@example.com"

    def mac(k: bytes, m: str, algo=hashlib.sha256) -> bytes:
        return hmac.new(k, m.encode(), algo).digest()

    good = mac(key, e)
    # An email whose MAC's base64 holds '+' or '/', so that base64url differs from base64.
    url_email = next(f"user{i}@example.com" for i in range(1000)
                     if set(base64.b64encode(mac(key, f"user{i}@example.com")).decode()) & set("+/"))
    nfc = unicodedata.normalize("NFC", "José.Müller@exämple.de")
    nfd = unicodedata.normalize("NFD", nfc)
    hex_secret, b64_secret = "a1b2c3d4e5f60718", "c2VjcmV0LWtleS1ieXRlcw=="
    cases = [
        ("as given", s, e, good.hex(), "VERIFIED"),
        ("uppercase hex", s, e, good.hex().upper(), "VERIFIED_UPPERCASE"),
        ("base64", s, e, base64.b64encode(good).decode(), "BASE64"),
        ("base64url without padding", s, url_email,
         base64.urlsafe_b64encode(mac(key, url_email)).decode().rstrip("="), "BASE64URL"),
        (".NET BitConverter hex", s, e, "-".join(f"{b:02X}" for b in good), "HEX_WITH_SEPARATORS"),
        ("sha256= prefix", s, e, "sha256=" + good.hex(), "PREFIXED"),
        ("quoted", s, e, '"' + good.hex() + '"', "WRAPPED"),
        ("whitespace around", s, e, " " + good.hex() + "\n", "WRAPPED"),
        ("email lowercased", s, "Ada@Example.com", mac(key, "ada@example.com").hex(), "EMAIL_LOWERCASED"),
        ("email NFC, NFD given", s, nfd, mac(key, nfc).hex(), "EMAIL_NFC"),
        ("email NFD, NFC given", s, nfc, mac(key, nfd).hex(), "EMAIL_NFD"),
        ("email with a newline", s, e, mac(key, e + "\n").hex(), "EMAIL_TRAILING_NEWLINE"),
        ("email JSON-quoted", s, e, mac(key, json.dumps(e)).hex(), "EMAIL_JSON_QUOTED"),
        ("key and message swapped", s, e, hmac.new(e.encode(), key, hashlib.sha256).hexdigest(),
         "KEY_MESSAGE_SWAPPED"),
        ("HMAC-SHA1", s, e, mac(key, e, hashlib.sha1).hex(), "HMAC_SHA1"),
        ("HMAC-SHA512", s, e, mac(key, e, hashlib.sha512).hex(), "HMAC_SHA512"),
        ("HMAC-MD5", s, e, mac(key, e, hashlib.md5).hex(), "HMAC_MD5"),
        ("plain SHA-256", s, e, hashlib.sha256(e.encode()).hexdigest(), "PLAIN_SHA256"),
        ("secret with a newline", s, e, mac(key + b"\n", e).hex(), "SECRET_TRAILING_NEWLINE"),
        ("secret hex-decoded", hex_secret, e, mac(bytes.fromhex(hex_secret), e).hex(), "SECRET_HEX_DECODED"),
        ("secret base64-decoded", b64_secret, e, mac(base64.b64decode(b64_secret), e).hex(),
         "SECRET_BASE64_DECODED"),
        ("email refused", s, "not an email", good.hex(), "EMAIL_REFUSED"),
        ("too short", s, e, good.hex()[:40 - 1], "MALFORMED_LENGTH"),
        ("not hex", s, e, "g" * 64, "MALFORMED_ALPHABET"),
        ("another secret", s, e, mac(b"a-test-workspace-secret", e).hex(), "UNKNOWN"),
    ]
    out = [{"name": n, "secret_text": sec, "policy": "exact", "email": em, "hash": hs, "code": c}
           for n, sec, em, hs, c in cases]
    out.append({"name": "previous secret", "secret_text": s, "previous_text": ["old-secret"], "policy": "exact",
                "email": e, "hash": mac(b"old-secret", e).hex(), "code": "VERIFIED_PREVIOUS_SECRET"})
    out.append({"name": "email trimmed (canonical policy)", "secret_text": s, "policy": "canonical",
                "email": " Ada@Example.com ", "hash": mac(key, "Ada@Example.com").hex(), "code": "EMAIL_TRIMMED"})
    return out


def fingerprints():
    return [{"secret_hex": s.hex(), "fingerprint": h(s, b"unthread-identity fingerprint v1")[:12]}
            for s in SECRETS.values()]


def main():
    rfc = []
    for name, key, data, mac, trunc in RFC4231:
        full = h(bytes.fromhex(key), bytes.fromhex(data))
        assert full.startswith(mac), f"RFC 4231 case {name}: CPython disagrees with the RFC"
        rfc.append({"name": f"RFC 4231 test case {name}", "key_hex": key, "data_hex": data,
                    "hmac_sha256_hex": mac, "truncate_to_bytes": trunc})
    doc = {
        "about": ("Shared vectors for unthread-identity. Hashes: CPython hmac/hashlib (OpenSSL "
                  "SHA-256); RFC cases: RFC 4231 section 4, cross-checked with CPython; scripts: "
                  "json.dumps(separators=(',', ':'), ensure_ascii=False) with < > & U+2028 U+2029 "
                  "replaced by \\uXXXX. Written by testdata/generate_vectors.py."),
        "verify_secret_hex": SECRETS["typical"].hex(),
        "verify_email": "ada@example.com",
        "rfc4231": rfc,
        "email": email_cases(),
        "errors": ERRORS,
        "verify": verify_cases(),
        "users": user_cases(),
        "fingerprints": fingerprints(),
        "explain": explain_cases(),
    }
    OUT.write_text(json.dumps(doc, indent=1, ensure_ascii=True) + "\n")
    print(f"wrote {OUT}: {len(doc['email'])} email cases, {len(rfc)} RFC cases")


if __name__ == "__main__":
    main()
