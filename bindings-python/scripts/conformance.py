"""The Python replay of the conformance table (``testdata/conformance.json``, made by the core):
each case's input goes through this package's public API, and the answer must be the core's.

``python scripts/conformance.py FILE`` replays a file of cases (the differential run of
``make conformance``) and exits non-zero on any disagreement; the test suite imports ``replay``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

import unthread_identity as ui

# Inputs that Python's API cannot take as written, each with the reason. They are counted and
# listed by the test, never skipped silently.
INEXPRESSIBLE = {
    "user": "Signer.user takes email and name as arguments: a user object with other keys "
    "(emailHash, a typo) goes to start_script, which the table covers",
}


def _secret(value: Any) -> str | bytes:
    return value if isinstance(value, str) else bytes.fromhex(value["$bytes"])


def _options(value: Any) -> dict[str, Any]:
    return {} if value is None else dict(value)


def _signer(i: dict[str, Any]) -> ui.Signer:
    return ui.Signer(_secret(i["secret"]), **_options(i.get("options")))


def _tokens(i: dict[str, Any]) -> ui.TokenSigner:
    return ui.TokenSigner(_secret(i["secret"]), **_options(i.get("options")))


def _session(value: Any) -> Any:
    """A session user as an app holds it: ``$inherited`` fields are not the user's own (a
    mapping has no prototype), so they are left out."""
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if k != "$inherited"}
    return value


def _response(answer: Any, tokens: ui.TokenSigner | None = None) -> dict[str, Any]:
    body = json.loads(answer["body"])
    if isinstance(body.get("jwt"), str) and tokens is not None:
        claims = tokens.verify_token(body["jwt"])
        for key in ("iat", "exp", "nbf", "jti"):
            claims.pop(key, None)
        body = {"claims": claims}
    return {"status": answer["status"], "headers": dict(answer["headers"]), "body": body}


def _explain(i: dict[str, Any]) -> dict[str, Any]:
    d = _signer(i).explain(i["email"], i["hash"])
    return {"code": d["code"], "message": d["message"], "valid": d["valid"], "fingerprint": d["fingerprint"]}


def _user_endpoint(i: dict[str, Any]) -> dict[str, Any]:
    endpoint = ui.UserEndpoint(_signer(i))
    refused = endpoint.refusal(i["method"], i.get("origin"), i.get("sec_fetch_site"))
    return _response(refused if refused is not None else endpoint.respond(_session(i.get("user"))))


def _token_endpoint(i: dict[str, Any]) -> dict[str, Any]:
    tokens = _tokens(i)
    endpoint = ui.TokenEndpoint(tokens, i["allowed_origins"])
    refused = endpoint.refusal(i["method"], i.get("origin"), i.get("sec_fetch_site"))
    return _response(refused if refused is not None else endpoint.respond(_session(i.get("user"))), tokens)


def _boot(i: dict[str, Any]) -> str:
    keys = ("custom_domain", "token_url", "container", "nonce")
    options = {k: i[k] for k in keys if i.get(k) is not None}
    return str(ui.portal_boot_script(i["base_url"], **options))


def _mint(i: dict[str, Any]) -> dict[str, Any]:
    minted = _tokens(i).mint_token(**i["user"], issued_at=i["issued_at"], jwt_id=i["jwt_id"])
    return {"jwt": minted["jwt"], "expires_at": minted["expiresAt"]}


def _explain_token(i: dict[str, Any]) -> dict[str, Any]:
    d = _tokens(i).explain_token(i["jwt"], now=i["now"])
    return {"code": d["code"], "valid": d["valid"], "kid": d["kid"], "fingerprint": d["fingerprint"]}


def _signer_answer(i: dict[str, Any]) -> dict[str, Any]:
    signer = _signer(i)
    return {"fingerprint": signer.fingerprint, "email_policy": signer.email_policy}


def _portal_csp(i: dict[str, Any]) -> dict[str, Any]:
    options = {k: v for k, v in i.items() if k != "host" and v is not None}
    csp = ui.portal_csp(i["host"], **options)
    return {"origin": csp["origin"], "origins": csp["origins"], "header": csp["header"]}


OPS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "sign": lambda i: _signer(i).sign(i["email"]),
    "verify": lambda i: _signer(i).verify(i["email"], i["hash"]),
    "explain": _explain,
    "user": lambda i: dict(_signer(i).user(**i["user"])),
    "start_script": lambda i: str(_signer(i).start_script(i["user"], nonce=i.get("nonce"))),
    "stop_script": lambda i: str(ui.stop_script(nonce=i.get("nonce"))),
    "portal_csp": _portal_csp,
    "portal_boot_script": _boot,
    "signer": _signer_answer,
    "mint": _mint,
    "verify_token": lambda i: _tokens(i).verify_token(i["jwt"], now=i["now"]),
    "explain_token": _explain_token,
    "user_endpoint": _user_endpoint,
    "token_endpoint": _token_endpoint,
}


def expressible(case: dict[str, Any]) -> bool:
    """Whether Python's API can take the case's input as written (see ``INEXPRESSIBLE``)."""
    user = case["input"].get("user")
    return not (case["op"] == "user" and isinstance(user, dict) and set(user) - {"email", "name"})


def replay(case: dict[str, Any]) -> dict[str, Any]:
    """This package's answer to a case: ``{"ok": ...}`` or ``{"error": code}``."""
    try:
        return {"ok": OPS[case["op"]](case["input"])}
    except ui.IdentityError as error:
        return {"error": error.code}
    except TypeError:
        return {"error": "ERR_INVALID_ARG_TYPE"}


def disagreements(path: str) -> tuple[int, int, list[dict[str, Any]]]:
    """(cases, inexpressible, the cases whose answer here differs from the core's)."""
    with open(path, encoding="utf-8") as file:
        cases = json.load(file)["cases"]
    found, skipped = [], 0
    for index, case in enumerate(cases):
        if not expressible(case):
            skipped += 1
            continue
        got = replay(case)
        if got != case["expect"]:
            found.append({"index": index, "op": case["op"], "input": case["input"], "expect": case["expect"], "got": got})
    return len(cases), skipped, found


if __name__ == "__main__":
    total, skipped, found = disagreements(sys.argv[1])
    for d in found[:20]:
        print(json.dumps(d, ensure_ascii=True), file=sys.stderr)
    print(f"python: {total} cases ({skipped} inexpressible in Python), {len(found)} disagreements")
    sys.exit(1 if found else 0)
