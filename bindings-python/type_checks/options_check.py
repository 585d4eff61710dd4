"""Type-level checks of the stub, run by ``mypy --strict`` in ``make test``: each line is what a
user writes, and each ``type: ignore[...]`` marks a mistake the types must catch (``--strict``
warns about an ignore that is no longer needed, so a stub that stops catching it fails)."""

import unthread_identity as ui

SECRET = "an-embed-secret-of-32-bytes-or-more"
tokens = ui.TokenSigner(SECRET, ttl_seconds=60, secret_encoding="hex", previous_keys=[{"secret": b"old", "kid": "k0"}])
signer = ui.Signer("secret", email_policy="canonical", previous_secrets=[b"old", "older"])
from_env = ui.TokenSigner.from_env(None, audience="portal", claim_names={"email": "user_email"})
options: ui.TokenSignerOptions = {"kid": "k1", "extra_claims": {"plan": "pro"}}
key: ui.PreviousKey = {"secret": "old"}

ui.TokenSigner(SECRET, ttl_second=60)  # type: ignore[call-arg]
ui.Signer("secret", email_policy="lowercase")  # type: ignore[arg-type]
ui.TokenSigner(SECRET, previous_keys=[{"kid": "k0"}])  # type: ignore[typeddict-item]
ui.TokenSigner(SECRET, ttl_seconds="60")  # type: ignore[arg-type]
