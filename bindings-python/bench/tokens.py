"""Token mode: TokenSigner.mint_token / verify_token against PyJWT (the usual Python JWT
library) doing the same HS256 work, alternating in one process; prints medians and ratios.
Run with `make bench`. No test asserts a time."""

import statistics
import time

import jwt  # PyJWT, a dev dependency

from unthread_identity import TokenSigner

SECRET = "bench-embed-secret-0123456789"
ROUNDS, CALLS = 15, 5000
tokens = TokenSigner(SECRET, kid="2026-11")
EMAIL, NAME = "ada@example.com", "Ada Lovelace"
TOKEN = tokens.mint_token(EMAIL, NAME)["jwt"]


def payload() -> dict:
    iat = int(time.time())
    return {"sub": EMAIL, "email": EMAIL, "name": NAME, "iat": iat, "nbf": iat - 30,
            "exp": iat + 300, "jti": "bench-jti"}


assert tokens.verify_token(jwt.encode(payload(), SECRET, headers={"kid": "2026-11"}))["email"] == EMAIL
assert jwt.decode(TOKEN, SECRET, algorithms=["HS256"])["email"] == EMAIL

CASES = {
    "tokens.mint_token": lambda: tokens.mint_token(EMAIL, NAME),
    "jwt.encode (PyJWT)": lambda: jwt.encode(payload(), SECRET, headers={"kid": "2026-11"}),
    "tokens.verify_token": lambda: tokens.verify_token(TOKEN),
    "jwt.decode (PyJWT)": lambda: jwt.decode(TOKEN, SECRET, algorithms=["HS256"]),
}

samples: dict[str, list[float]] = {name: [] for name in CASES}
for _ in range(ROUNDS):
    for name, fn in CASES.items():
        start = time.perf_counter_ns()
        for _ in range(CALLS):
            fn()
        samples[name].append((time.perf_counter_ns() - start) / CALLS)
m = {name: statistics.median(values) for name, values in samples.items()}
for name, ns in m.items():
    print(f"{name:32} {ns:7.0f} ns")
print(f"mint:   {m['jwt.encode (PyJWT)'] / m['tokens.mint_token']:.1f}x faster than PyJWT")
print(f"verify: {m['jwt.decode (PyJWT)'] / m['tokens.verify_token']:.1f}x faster than PyJWT")
