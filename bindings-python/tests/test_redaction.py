"""The secret never shows in repr, str, an exception, its chain or a traceback."""

import os
import pickle
import traceback

import pytest

import unthread_identity as ui
from unthread_identity import Signer, stop_script

SECRET = "Sup3r-secret-value-never-print!"
PRIVATE = "private.person"
PRIVATE_EMAIL = PRIVATE + "@example.com"


def leaks(text: str) -> bool:
    return any(s in text for s in (SECRET, SECRET.encode().hex(), repr(SECRET.encode())))


def test_repr_and_str_show_no_secret():
    signer = Signer(SECRET, previous_secrets=[SECRET.encode() + b"-old"])
    for text in [repr(signer), str(signer), f"{signer!r}", format(signer)]:
        assert not leaks(text)
        assert signer.fingerprint in text


def test_not_picklable():
    with pytest.raises(TypeError):
        pickle.dumps(Signer(SECRET))


def exception_text(error: BaseException) -> str:
    """Everything an exception can show: message, args, repr, the whole chain, the traceback."""
    parts = ["".join(traceback.format_exception(error))]
    seen = error
    while seen is not None:
        parts += [str(seen), repr(seen), repr(seen.args)]
        seen = seen.__cause__ or seen.__context__
    return " ".join(parts)


def canary_calls(tmp_path):
    """Every public call that can fail, with the canary as (or next to) the secret."""
    signer = Signer(SECRET)
    lone = SECRET + "\ud800"
    return [
        lambda: Signer(lone),
        lambda: Signer(SECRET, previous_secrets=[lone]),
        lambda: Signer(SECRET, previous_secrets=[SECRET + "\n"]),
        lambda: Signer(SECRET, previous_secrets=SECRET),
        lambda: Signer(SECRET + "\n"),
        lambda: Signer(" " + SECRET),
        lambda: Signer(SECRET, email_policy=SECRET),
        lambda: Signer(SECRET, email_policy=lone),
        lambda: Signer.from_env(lone),
        lambda: Signer.from_env("UNTHREAD_SURELY_UNSET", email_policy=SECRET),
        lambda: Signer.from_file(tmp_path / lone),
        lambda: Signer.from_file(tmp_path / "missing"),
        lambda: signer.sign(" " + PRIVATE_EMAIL),
        lambda: signer.sign(PRIVATE + "\ud800@example.com"),
        lambda: signer.start_script({"email": PRIVATE_EMAIL}, nonce=SECRET),
        lambda: signer.start_script({"email": PRIVATE_EMAIL}, nonce=lone),
        lambda: signer.start_script({"email": PRIVATE_EMAIL, "emailHash": SECRET}),
        lambda: signer.start_script({"email": PRIVATE_EMAIL, SECRET: 1}),
        lambda: signer.start_script({"email": PRIVATE_EMAIL, lone: 1}),
        lambda: stop_script(nonce=SECRET),
        lambda: stop_script(nonce=lone),
    ]


def test_canary_appears_in_no_exception(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_IN_ENV", SECRET + "\n")
    calls = canary_calls(tmp_path) + [lambda: Signer.from_env("SECRET_IN_ENV")]
    for call in calls:
        with pytest.raises((ui.IdentityError, TypeError)) as info:
            call()
        text = exception_text(info.value)
        # An unknown key is echoed (shortened) so the typo can be found; it is not the secret.
        if SECRET in text and "unknown user key" in text:
            continue
        assert not leaks(text), text
        assert PRIVATE not in text, text
        assert not isinstance(info.value, UnicodeError), text


def test_secret_conversion_errors_are_invalid_secret():
    lone = SECRET + "\ud800"
    for call in [lambda: Signer(lone), lambda: Signer("k", previous_secrets=[lone])]:
        with pytest.raises(ui.InvalidSecret, match="lone surrogate") as info:
            call()
        assert info.value.__cause__ is None and info.value.__context__ is None


def test_from_env_value_never_echoed(monkeypatch):
    monkeypatch.setenv("UNTHREAD_TEST_PADDED", " " + SECRET)
    with pytest.raises(ui.InvalidSecret, match="whitespace") as info:
        Signer.from_env("UNTHREAD_TEST_PADDED")
    assert not leaks(exception_text(info.value))
    assert os.environ["UNTHREAD_TEST_PADDED"].strip() == SECRET
