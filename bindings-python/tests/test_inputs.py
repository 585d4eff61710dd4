"""Bad inputs: TypeError for a wrong type, a typed ValueError for a bad value, never a crash."""

import threading

import pytest

import unthread_identity as ui
from unthread_identity import Signer, stop_script

signer = Signer("inputs-secret")
GOOD = signer.sign("ada@example.com")


@pytest.mark.parametrize("bad", [None, 42, 1.5, b"ada@example.com", ["a@b"], {"email": "a@b"}, object()])
def test_wrong_types_raise_type_error(bad):
    with pytest.raises(TypeError):
        signer.sign(bad)
    with pytest.raises(TypeError):
        signer.verify(bad, GOOD)
    with pytest.raises(TypeError):
        signer.verify("ada@example.com", bad)
    with pytest.raises(TypeError):
        signer.user(bad)
    with pytest.raises(TypeError):
        signer.sign_many([bad])
    if not isinstance(bad, bytes):
        with pytest.raises(TypeError):
            Signer(bad)


def test_other_type_errors():
    with pytest.raises(TypeError):
        signer.start_script({"name": "no email"})
    with pytest.raises(TypeError):
        signer.start_script({"email": 5})
    with pytest.raises(TypeError):
        signer.start_script(5)
    with pytest.raises(TypeError):
        signer.start_script({"email": "ada@example.com"}, "Ada")
    with pytest.raises(TypeError):
        Signer("x", previous_secrets=[5])
    with pytest.raises(TypeError):
        stop_script(nonce=5)


def test_exception_hierarchy():
    for name in ["InvalidSecret", "ExposedSecretVariable", "InvalidEmail", "EmailHashMismatch", "InvalidNonce",
                 "InvalidOption"]:
        cls = getattr(ui, name)
        assert issubclass(cls, ui.IdentityError) and issubclass(cls, ValueError)


def test_bad_values():
    with pytest.raises(ui.InvalidSecret):
        Signer("")
    with pytest.raises(ui.InvalidSecret):
        Signer(b"")
    with pytest.raises(ui.InvalidOption):
        Signer("x", email_policy="lower")
    with pytest.raises(ui.InvalidEmail, match="control character"):
        signer.sign("ada\x00@example.com")
    with pytest.raises(ui.InvalidEmail, match="limit is 320"):
        signer.sign("a" * (10 * 1024 * 1024) + "@example.com")
    with pytest.raises(ui.InvalidNonce):
        stop_script(nonce='"><script>')
    with pytest.raises(ui.ExposedSecretVariable):
        Signer.from_env("REACT_APP_UNTHREAD_SECRET")
    with pytest.raises(ui.InvalidSecret):
        Signer.from_env("UNTHREAD_TEST_SURELY_UNSET")
    with pytest.raises(ui.InvalidSecret):
        Signer.from_file("/nonexistent/secret")


def test_malformed_hashes_are_false():
    huge = "a" * (10 * 1024 * 1024)
    for h in ["", GOOD[1:], GOOD + "0", GOOD[:63] + "g", "\x00" * 64, "é" * 32, huge]:
        assert signer.verify("ada@example.com", h) is False
    assert signer.verify("ada@example.com", GOOD.upper()) is True
    assert signer.verify(huge, GOOD) is False


def test_from_env_and_file(tmp_path, monkeypatch):
    monkeypatch.setenv("UNTHREAD_IDENTITY_SECRET", "inputs-secret")
    assert Signer.from_env().sign("ada@example.com") == GOOD
    path = tmp_path / "secret"
    path.write_text("inputs-secret\n")
    assert Signer.from_file(path).sign("ada@example.com") == GOOD


def test_signer_is_frozen():
    with pytest.raises(AttributeError):
        signer.fingerprint = "x"  # type: ignore[misc]


def test_eight_threads_agree():
    emails = [f"user{i}@example.com" for i in range(2000)]
    expected = [signer.sign(e) for e in emails]
    results: list[list[str]] = [[] for _ in range(8)]

    def work(slot: int) -> None:
        for _ in range(3):
            results[slot] = [signer.sign(e) for e in emails] if slot % 2 else signer.sign_many(emails)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == expected for r in results)
