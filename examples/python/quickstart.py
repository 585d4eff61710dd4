"""The Python quickstart: the same output as the Rust quickstart for the same demo values.

Run: .venv/bin/python examples/python/quickstart.py [email]   (after `make demo`)
"""

import json
import os
import sys

from unthread_identity import Signer, stop_script


def main() -> None:
    # In production: Signer.from_env() reads UNTHREAD_IDENTITY_SECRET on the server.
    if "UNTHREAD_IDENTITY_SECRET" in os.environ:
        signer = Signer.from_env()
    else:
        signer = Signer("demo-identity-secret")
    email = sys.argv[1] if len(sys.argv) > 1 else "ada@example.com"

    user = signer.user(email, name="Ada Lovelace")
    print(f"secret fingerprint: {signer.fingerprint}")
    print(f"user object: {json.dumps(user, separators=(',', ':'), ensure_ascii=False)}")
    script = signer.start_script(user, nonce="ZGVtby1ub25jZQ==")  # checks the hash, never re-signs
    print(f"start script: {script}")
    print(f"stop script: {stop_script(nonce='ZGVtby1ub25jZQ==')}")


if __name__ == "__main__":
    main()
