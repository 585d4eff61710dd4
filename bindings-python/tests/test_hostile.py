"""Hostile inputs, each in its own child process, so that a crash (a Rust panic across the FFI,
an abort) fails the test instead of ending the run. Each expects a named exception or a value,
and no output of the child may hold the canary secret."""

import json
import subprocess
import sys

import pytest

CANARY = "hostile-canary-secret-value"

# (what, expression using `s` (a signer) and `u` (the package), expected)
CASES = [
    ("sign(None)", "s.sign(None)", "TypeError"),
    ("sign(bytes)", "s.sign(b'a@b')", "TypeError"),
    ("sign(str subclass)", "len(s.sign(type('S', (str,), {})('a@b')))", 64),
    ("sign(lone surrogate)", "s.sign('a\\ud800@b')", "InvalidEmail"),
    ("sign(NUL)", "s.sign('a\\x00@b')", "InvalidEmail"),
    ("sign(64 MiB)", "s.sign('a' * (64 << 20))", "InvalidEmail"),
    ("verify(huge, huge)", "s.verify('a' * (1 << 24), 'b' * (1 << 24))", False),
    ("verify(surrogates)", "s.verify('\\udfff@b', '\\ud800' * 64)", False),
    ("verify(int)", "s.verify('a@b', 5)", "TypeError"),
    ("matching_key(NUL hash)", "s.matching_key('a@b', '\\x00' * 64)", None),
    ("user(name int)", "s.user('a@b', name=5)", "TypeError"),
    ("user(name surrogate)", "s.user('a@b', name='\\ud800')['name']", "\ufffd"),
    ("start_script(dict subclass)", "s.start_script(type('D', (dict,), {})(email='a@b')).count('start')", 1),
    ("start_script(non-str key)", "s.start_script({'email': 'a@b', 5: 1})", "InvalidOption"),
    ("start_script(unknown key)", "s.start_script({'email': 'a@b', 'admin': True})", "InvalidOption"),
    ("start_script(hash int)", "s.start_script({'email': 'a@b', 'emailHash': 5})", "TypeError"),
    ("start_script(nonce injection)", "s.start_script('a@b', nonce='x\" onload=\"')", "InvalidNonce"),
    ("sign_many(generator of ints)", "s.sign_many([1, 2])", "TypeError"),
    ("sign_many(str)", "s.sign_many('a@b')", "TypeError"),
    ("Signer(bytearray)", "u.Signer(bytearray(b'k'))", "TypeError"),
    ("Signer(memoryview)", "u.Signer(memoryview(b'k'))", "TypeError"),
    ("Signer(canary + surrogate)", "u.Signer(CANARY + '\\ud800')", "InvalidSecret"),
    ("Signer(canary + newline)", "u.Signer(CANARY + '\\n')", "InvalidSecret"),
    ("Signer(previous surrogate)", "u.Signer(CANARY, previous_secrets=[CANARY + '\\udc80'])", "InvalidSecret"),
    ("Signer(previous generator)", "u.Signer(CANARY, previous_secrets=(1/0 for _ in [1]))", "TypeError"),
    ("Signer(policy surrogate)", "u.Signer(CANARY, email_policy='exact\\ud800')", "InvalidOption"),
    ("from_env(surrogate)", "u.Signer.from_env('X\\ud800')", "InvalidSecret"),
    ("from_file(directory)", "u.Signer.from_file('/')", "InvalidSecret"),
    ("from_file(int)", "u.Signer.from_file(5)", "TypeError"),
    ("explain(NUL, huge)", "s.explain('\\x00', 'x' * (1 << 20))['code']", "EMAIL_REFUSED"),
    ("portal_csp(injection)", "u.portal_csp('acme; script-src *')", "InvalidOption"),
    ("stop_script(nonce int)", "u.stop_script(nonce=5)", "TypeError"),
    # Token mode.
    ("TokenSigner(canary + newline)", "u.TokenSigner(CANARY + '\\n')", "InvalidSecret"),
    ("TokenSigner(canary + surrogate)", "u.TokenSigner(CANARY + '\\ud800')", "InvalidSecret"),
    ("TokenSigner(ttl float)", "u.TokenSigner(CANARY, ttl_seconds=300.5).ttl_seconds", "InvalidOption"),
    ("TokenSigner(ttl huge)", "u.TokenSigner(CANARY, ttl_seconds=1 << 70)", "InvalidOption"),
    ("TokenSigner(extra claims not JSON)", "u.TokenSigner(CANARY, extra_claims={'a': {1, 2}})", "InvalidOption"),
    ("TokenSigner(previous key padded)", "u.TokenSigner(CANARY, previous_keys=[{'secret': CANARY + ' '}])", "InvalidSecret"),
    ("TokenSigner(unknown keyword)", "u.TokenSigner(CANARY, ttl=5)", "InvalidOption"),
    ("verify_token(64 MiB)", "u.TokenSigner(CANARY).verify_token('a' * (64 << 20))", "TokenTooLong"),
    ("verify_token(surrogates)", "u.TokenSigner(CANARY).verify_token('\\ud800.\\ud800.\\ud800')", "TokenMalformed"),
    ("verify_token(now float)", "u.TokenSigner(CANARY).verify_token('a.b.c', now=1.5)", "InvalidOption"),
    ("explain_token(huge)", "u.TokenSigner(CANARY).explain_token('x' * (1 << 20))['code']", "TOO_LONG"),
    ("mint_token(name 1 MiB)", "u.TokenSigner(CANARY).mint_token('a@b', 'x' * (1 << 20))", "InvalidOption"),
    ("mint_token(issued_at ms)", "u.TokenSigner(CANARY).mint_token('a@b', issued_at=1 << 50)", "InvalidOption"),
    ("AllowedOrigins(str)", "u.AllowedOrigins('https://x')", "TypeError"),
]

SCRIPT = """
import json, sys, traceback
import unthread_identity as u
CANARY = {canary!r}
s = u.Signer(CANARY)
try:
    out = {{"value": ({expression})}}
except BaseException as e:
    out = {{"error": type(e).__name__, "text": "".join(traceback.format_exception(e)) + repr(e.args)}}
sys.stdout.write(json.dumps(out))
"""


@pytest.mark.parametrize(("what", "expression", "expected"), CASES, ids=[c[0] for c in CASES])
def test_hostile_input(what, expression, expected):
    child = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(canary=CANARY, expression=expression)],
        capture_output=True, text=True,
    )
    assert child.returncode == 0, f"{what}: the process died ({child.returncode}): {child.stderr}"
    out = json.loads(child.stdout)
    # The source line of the expression may name CANARY; its value must never appear.
    assert CANARY not in (child.stdout + child.stderr).replace("CANARY", ""), f"{what}: canary printed"
    if isinstance(expected, str) and (expected.endswith("Error") or expected[0].isupper() and "_" not in expected
                                      and expected not in {"\ufffd"}):
        assert out.get("error") == expected, f"{what}: {out}"
    else:
        assert out.get("value") == expected, f"{what}: {out}"
