"""The secret never shows in repr, str, or an exception; emails are not echoed."""

import pickle

import pytest

from unthread_identity import IdentityError, Signer, stop_script

SECRET = "Sup3r secret value, never print!"


def test_repr_and_str_show_no_secret():
    signer = Signer(SECRET, previous_secrets=[SECRET.encode() + b"-old"])
    for text in [repr(signer), str(signer), f"{signer!r}", format(signer)]:
        assert SECRET not in text and SECRET.encode().hex() not in text
        assert signer.fingerprint in text


def test_not_picklable():
    with pytest.raises(TypeError):
        pickle.dumps(Signer(SECRET))


def test_errors_show_neither_secret_nor_email():
    signer = Signer(SECRET)
    calls = [
        lambda: signer.sign(" private.person@example.com"),
        lambda: signer.sign("private.person"),
        lambda: signer.sign("private.person\x00@example.com"),
        lambda: signer.start_script({"email": "private.person@example.com"}, nonce=SECRET),
        lambda: stop_script(nonce=SECRET),
        lambda: Signer(SECRET, email_policy=SECRET),  # type: ignore[arg-type]
    ]
    for call in calls:
        with pytest.raises(IdentityError) as info:
            call()
        text = f"{info.value} {info.value!r}"
        assert SECRET not in text and "private.person" not in text
