"""make soak: 10M sign and 1M each of user, start_script, an error path, Signer() and a
token minted and verified, with the
RSS before and after (fails if it grew by more than 10 MiB), then 8 threads on one signer
compared with a sequential run. SOAK_SCALE=0.1 runs a tenth of it."""

import gc
import os
import resource
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from unthread_identity import InvalidEmail, Signer, TokenSigner

MIB = 1024 * 1024
scale = float(os.environ.get("SOAK_SCALE", "1"))


def rss() -> int:
    gc.collect()
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


def error_path(signer: Signer, _: int) -> None:
    try:
        signer.sign("not an email")
    except InvalidEmail:
        pass


signer = Signer("soak-secret", previous_secrets=["soak-old"])
tokens = TokenSigner("soak-embed-secret", kid="k1")
phases = [
    ("sign", 10_000_000, lambda i: signer.sign(f"user{i % 1000}@example.com")),
    ("user", 1_000_000, lambda i: signer.user(f"user{i % 1000}@example.com", name="Ada")),
    ("start_script", 1_000_000, lambda i: signer.start_script(f"user{i % 1000}@example.com", nonce="abc")),
    ("error path", 1_000_000, lambda i: error_path(signer, i)),
    ("Signer()", 1_000_000, lambda i: Signer(f"secret-{i % 100}")),
    ("token", 1_000_000, lambda i: tokens.verify_token(tokens.mint_token(f"user{i % 1000}@example.com")["jwt"])),
]
# Two passes of half the calls each; RSS is compared between the end of the first and the end
# of the second, so that allocator warm-up does not count and a leak does.
start = 0
for pass_ in (1, 2):
    for name, count, fn in phases:
        n = round(count * scale / 2)
        t0 = time.perf_counter()
        for i in range(n):
            fn(i)
        print(f"python soak: pass {pass_} {name:<12} {n:,} calls in {time.perf_counter() - t0:.1f} s, RSS {rss() / MIB:.1f} MiB")
    if pass_ == 1:
        start = rss()
end = rss()
print(f"python soak: RSS after pass 1 {start / MIB:.1f} MiB, after pass 2 {end / MIB:.1f} MiB "
      f"(growth {(end - start) / MIB:.1f} MiB, limit 10)")
if end - start > 10 * MIB:
    sys.exit("RSS grew by more than 10 MiB")

emails = [f"thread{i}@exämple.com" for i in range(round(50_000 * scale))]
expected = [signer.sign(e) for e in emails]
with ThreadPoolExecutor(max_workers=8) as pool:
    results = list(pool.map(lambda _: [signer.sign(e) for e in emails], range(8)))
assert all(r == expected for r in results), "a thread disagrees with the sequential run"
print(f"python soak: 8 threads x {len(emails):,} emails agree with the sequential run")
