"""Times the binding against Python's own hmac, alternating in one process; prints medians and
ratios. Run with `make bench`."""

import hashlib
import hmac
import statistics
import time

from unthread_identity import Signer

SECRET = b"unthread-demo-secret-4f1c2a9e"
EMAIL = "ada.lovelace@example.com"
ROUNDS, CALLS = 15, 20000

signer = Signer(SECRET)
HASH = signer.sign(EMAIL)
TAG = bytes.fromhex(HASH)
PRE = hmac.new(SECRET, digestmod=hashlib.sha256)
BATCH = [f"user{i}@example.com" for i in range(100)]


def hmac_copy() -> str:
    mac = PRE.copy()
    mac.update(EMAIL.encode())
    return mac.hexdigest()


CASES = {
    "signer.sign": lambda: signer.sign(EMAIL),
    "hmac.digest(...).hex()": lambda: hmac.digest(SECRET, EMAIL.encode(), "sha256").hex(),
    "HMAC.copy() hexdigest": hmac_copy,
    "signer.verify": lambda: signer.verify(EMAIL, HASH),
    "hmac.digest + compare_digest": lambda: hmac.compare_digest(
        hmac.digest(SECRET, EMAIL.encode(), "sha256"), TAG
    ),
    "signer.sign_many (per email)": lambda: signer.sign_many(BATCH),
}
PER_CALL = {"signer.sign_many (per email)": len(BATCH)}
assert CASES["signer.sign"]() == CASES["hmac.digest(...).hex()"]() == hmac_copy()

samples: dict[str, list[float]] = {name: [] for name in CASES}
for _ in range(ROUNDS):
    for name, fn in CASES.items():
        per = PER_CALL.get(name, 1)
        calls = CALLS // per
        start = time.perf_counter_ns()
        for _ in range(calls):
            fn()
        samples[name].append((time.perf_counter_ns() - start) / (calls * per))

m = {name: statistics.median(xs) for name, xs in samples.items()}
for name, ns in m.items():
    print(f"{name:32} {ns:7.0f} ns")
print(f"sign:   {m['hmac.digest(...).hex()'] / m['signer.sign']:.1f}x faster than hmac.digest")
print(f"sign:   {m['HMAC.copy() hexdigest'] / m['signer.sign']:.1f}x faster than HMAC.copy()")
print(f"verify: {m['hmac.digest + compare_digest'] / m['signer.verify']:.1f}x faster than hmac.digest + compare_digest")
print(f"sign_many per email / signer.sign: {m['signer.sign_many (per email)'] / m['signer.sign']:.2f}")
