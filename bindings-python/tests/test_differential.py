"""1,000 random emails x several secrets, each compared with Python's own hmac."""

import hashlib
import hmac
import os
import random

import pytest

from unthread_identity import InvalidEmail, Signer

ALPHABETS = [
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.+-_",
    "äöüßéèçñøåΩδοκιμήабвгд例え日本語한국어",
    ["🚀", "😀", "𝔘", "𐍈", "🧑‍💻"],
]
SECRETS = [b"k", b"unthread-demo-secret-4f1c2a9e", os.urandom(32), os.urandom(64), os.urandom(65),
           "sécret-ключ-🔑".encode()]


def random_part(rng: random.Random, max_len: int) -> str:
    return "".join(rng.choice(list(rng.choice(ALPHABETS))) for _ in range(rng.randint(1, max_len)))


def test_every_hash_equals_hmac():
    rng = random.Random(20261124)
    emails = [f"{random_part(rng, 20)}@{random_part(rng, 20)}" for _ in range(1000)]
    for secret in SECRETS:
        signer = Signer(secret)
        expected = [hmac.new(secret, e.encode(), hashlib.sha256).hexdigest() for e in emails]
        assert [signer.sign(e) for e in emails] == expected
        assert signer.sign_many(emails) == expected
        assert all(signer.verify(e, h) for e, h in zip(emails, expected))


def test_text_secret_is_its_utf8_bytes():
    text = "sécret-ключ-🔑"
    assert Signer(text).sign("a@b") == hmac.new(text.encode(), b"a@b", hashlib.sha256).hexdigest()


@pytest.mark.parametrize("email", ["a\ud800@b", "\udfff@example.com", "x@\udbff"])
def test_lone_surrogates_are_invalid_emails(email):
    signer = Signer("k")
    with pytest.raises(InvalidEmail, match="lone surrogate"):
        signer.sign(email)
    with pytest.raises(InvalidEmail, match="index 1"):
        signer.sign_many(["a@b", email])
    assert signer.verify(email, "0" * 64) is False
    assert signer.matching_key(email, "0" * 64) is None
