"""The review's findings, each as a test: typed errors per field, unknown keys, signed users,
secret whitespace, files, exposed look-alikes."""

import os
import subprocess
import sys

import pytest

import unthread_identity as ui
from unthread_identity import SignedUser, Signer, UserInput, stop_script

signer = Signer("hardening-secret")


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: signer.user("a@b", name="x\ud800"), None),  # the name becomes U+FFFD
        (lambda: signer.start_script("a@b", nonce="abc\ud800"), ui.InvalidNonce),
        (lambda: stop_script(nonce="abc\ud800"), ui.InvalidNonce),
        (lambda: Signer("k", email_policy="exact\ud800"), ui.InvalidOption),
        (lambda: Signer.from_env("UNTHREAD_\ud800"), ui.InvalidSecret),
        (lambda: Signer.from_file("/tmp/\ud800"), ui.InvalidSecret),
        (lambda: Signer("k\ud800"), ui.InvalidSecret),
        (lambda: Signer("k", previous_secrets=["\ud800"]), ui.InvalidSecret),
        (lambda: signer.sign("a\ud800@b"), ui.InvalidEmail),
        (lambda: signer.start_script({"email": "a@b", "\ud800": 1}), ui.InvalidOption),
        (lambda: signer.start_script({"email": "a@b", "emailHash": "\ud800"}), ui.EmailHashMismatch),
    ],
)
def test_lone_surrogates_give_the_fields_error(call, error):
    if error is None:
        assert call() == {"name": "x\ufffd", "email": "a@b", "emailHash": signer.sign("a@b")}
    else:
        with pytest.raises(error):
            call()


def test_name_rule_matches_node():
    assert signer.start_script("a@b", "x\ud800") == signer.start_script("a@b", "x\ufffd")


def test_signed_user_is_checked_not_resigned():
    canonical = Signer("hardening-secret", email_policy="canonical")
    user: SignedUser = canonical.user(" Ada@Example.com ", name="Ada")
    assert user == {"name": "Ada", "email": "ada@example.com", "emailHash": signer.sign("ada@example.com")}
    assert canonical.start_script(user) == canonical.start_script("ada@example.com", "Ada")
    forged = {**user, "email": "eve@example.com"}
    with pytest.raises(ui.EmailHashMismatch):
        canonical.start_script(forged)
    with pytest.raises(ui.EmailHashMismatch):
        canonical.start_script({**user, "emailHash": "0" * 64})
    unsigned: UserInput = {"email": "ada@example.com", "name": None}
    assert canonical.start_script(unsigned).count("emailHash") == 1


def test_unknown_user_keys_are_refused():
    with pytest.raises(ui.InvalidOption, match='"nme"'):
        signer.start_script({"email": "a@b", "nme": "Ada"})
    with pytest.raises(TypeError, match=r"user\['email'\] must be a str, not missing"):
        signer.start_script({"name": "Ada"})
    with pytest.raises(TypeError, match=r"user\['email'\] must be a str, not int"):
        signer.start_script({"email": 5})


def test_secret_whitespace_is_refused_saying_so():
    for secret in ["s3cret\n", " s3cret", "s3cret\t"]:
        with pytest.raises(ui.InvalidSecret, match="starts or ends with whitespace"):
            Signer(secret)
    with pytest.raises(ui.InvalidSecret, match="empty or only whitespace"):
        Signer(" \n")
    assert len(Signer(b" raw key\n").sign("a@b")) == 64


def test_previous_secrets_are_a_list_or_a_tuple():
    a = Signer("new", previous_secrets=("old",))
    b = Signer("new", previous_secrets=["old"])
    assert a.previous_fingerprints == b.previous_fingerprints == [Signer("old").fingerprint]
    # A string is not a list of one-character secrets; a generator is read by no rule of the core's.
    for value in ("old", (s for s in ["old"]), {"old"}):
        with pytest.raises(TypeError, match="previous_secrets must be a list, not"):
            Signer("new", previous_secrets=value)


def test_verify_uses_verify():
    hash_ = signer.sign("a@b")
    assert signer.verify("a@b", hash_) and signer.verify("a@b", hash_.upper())
    assert not signer.verify("a@b", "0" * 64)


def test_from_env_names_an_exposed_lookalike():
    env = {"PATH": os.environ["PATH"], "NEXT_PUBLIC_UNTHREAD_SECRET": "leaked-value"}
    code = "import unthread_identity as u\ntry:\n    u.Signer.from_env()\nexcept u.InvalidSecret as e:\n    print(e)"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert "UNTHREAD_IDENTITY_SECRET is not set" in out and "NEXT_PUBLIC_UNTHREAD_SECRET is set" in out
    assert "leaked-value" not in out
    for name in ["VUE_APP_UNTHREAD_SECRET", "NG_APP_S", "SANITY_STUDIO_S", "WXT_S"]:
        with pytest.raises(ui.ExposedSecretVariable):
            Signer.from_env(name)


def test_from_file_is_safe(tmp_path):
    path = tmp_path / "secret"
    path.write_bytes("\ufeffhardening-secret\n".encode())
    path.chmod(0o600)
    assert Signer.from_file(path).fingerprint == signer.fingerprint
    assert Signer.from_file(path).warnings == []
    path.chmod(0o640)
    assert "mode 640" in Signer.from_file(str(path)).warnings[0]
    (tmp_path / "big").write_text("x" * 5000)
    with pytest.raises(ui.InvalidSecret, match="larger than 4096 bytes"):
        Signer.from_file(tmp_path / "big")
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(ui.InvalidSecret, match="not a regular file"):
        Signer.from_file(tmp_path / "fifo")  # used to block forever
    with pytest.raises(ui.InvalidSecret, match="not a regular file"):
        Signer.from_file(tmp_path)


def test_email_policy_is_a_literal_and_types_import():
    assert Signer("k", email_policy="canonical").email_policy == "canonical"
    assert SignedUser.__required_keys__ == {"email", "emailHash"}
    assert "SignedUser" in ui.__all__ and "UserInput" in ui.__all__
