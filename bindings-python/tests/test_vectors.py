"""The shared vectors: expected values come from CPython's hmac and RFC 4231."""

import json

import pytest

from unthread_identity import IdentityError, Signer, stop_script

CODES = {
    "ERR_INVALID_SECRET": "InvalidSecret",
    "ERR_INVALID_EMAIL": "InvalidEmail",
    "ERR_INVALID_NONCE": "InvalidNonce",
    "ERR_INVALID_OPTION": "InvalidOption",
    "ERR_EXPOSED_SECRET_VARIABLE": "ExposedSecretVariable",
    "ERR_EMAIL_HASH_MISMATCH": "EmailHashMismatch",
}


def test_rfc4231(vectors):
    assert len(vectors["rfc4231"]) == 7
    for case in vectors["rfc4231"]:
        mac = Signer(bytes.fromhex(case["key_hex"])).sign_raw(bytes.fromhex(case["data_hex"]))
        # RFC 4231 case 5 gives only the first 16 bytes of the tag.
        digits = 2 * case["truncate_to_bytes"] if case["truncate_to_bytes"] else 64
        assert mac[:digits] == case["hmac_sha256_hex"], case["name"]
        assert len(case["hmac_sha256_hex"]) == digits


def test_email_hashes(vectors):
    assert len(vectors["email"]) >= 30
    for case in vectors["email"]:
        signer = Signer(bytes.fromhex(case["secret_hex"]), email_policy=case["policy"])
        if "secret_text" in case:
            assert Signer(case["secret_text"]).fingerprint == signer.fingerprint
        assert signer.sign(case["email"]) == case["hash"], case["name"]
        assert signer.verify(case["email"], case["hash"]), case["name"]
        assert signer.user(case["email"]) == {"email": case["hashed_email"], "emailHash": case["hash"]}


def test_errors(vectors):
    for case in vectors["errors"]:
        with pytest.raises(IdentityError) as info:
            secret = case.get("secret_text") or bytes.fromhex(case.get("secret_hex", vectors["verify_secret_hex"]))
            signer = Signer(secret, email_policy=case.get("policy", "exact"))
            user = {"email": case["email"]}
            if "email_hash" in case:
                user["emailHash"] = case["email_hash"]
            signer.start_script(user, nonce=case.get("nonce"))
        assert type(info.value).__name__ == CODES[case["code"]], case["name"]


def test_verify(vectors):
    for case in vectors["verify"]:
        signer = Signer(
            bytes.fromhex(vectors["verify_secret_hex"]),
            previous_secrets=[bytes.fromhex(p) for p in case.get("previous", [])],
        )
        email = case.get("email", vectors["verify_email"])
        assert signer.verify(email, case["hash"]) is case["valid"], case["name"]
        matched = signer.matching_key(email, case["hash"])
        if case.get("matched") == "primary":
            assert matched == signer.fingerprint
        elif case.get("matched") == "previous":
            assert matched in signer.previous_fingerprints and matched != signer.fingerprint
        else:
            assert matched is None, case["name"]


def test_users_and_scripts(vectors):
    for case in vectors["users"]:
        signer = Signer(bytes.fromhex(case["secret_hex"]), email_policy=case["policy"])
        name = case.get("user_name")
        user = signer.user(case["email"], name=name)
        assert json.dumps(user, separators=(",", ":"), ensure_ascii=False) == case["json"]
        nonce = case.get("nonce")
        assert signer.start_script({"email": case["email"], "name": name}, nonce=nonce) == case["start_script"]
        assert signer.start_script(case["email"], name, nonce=nonce) == case["start_script"]
        # The signed user renders the same, its hash checked rather than recomputed.
        assert signer.start_script(user, nonce=nonce) == case["start_script"], case["name"]
        assert signer.start_script(json.loads(case["json"]), nonce=nonce) == case["start_script"]
        assert stop_script(nonce=case.get("nonce")) == case["stop_script"]


def test_fingerprints(vectors):
    for case in vectors["fingerprints"]:
        assert Signer(bytes.fromhex(case["secret_hex"])).fingerprint == case["fingerprint"]


def test_explain_codes(vectors):
    assert len(vectors["explain"]) >= 25
    for case in vectors["explain"]:
        signer = Signer(case["secret_text"], email_policy=case["policy"], previous_secrets=case.get("previous_text", []))
        diagnosis = signer.explain(case["email"], case["hash"])
        assert diagnosis["code"] == case["code"], case["name"]
        assert diagnosis["valid"] is signer.verify(case["email"], case["hash"])
        assert (diagnosis["kid"], diagnosis["extra_claims"], diagnosis["claims"]) == (None, [], None)
        assert case["secret_text"] not in diagnosis["message"]
