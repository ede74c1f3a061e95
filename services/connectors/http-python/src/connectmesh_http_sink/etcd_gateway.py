"""The few etcd v3 calls the registration needs, through etcd's JSON gateway (HTTP), standard library only.

The gateway speaks protobuf's JSON mapping: keys and values are base64, int64s (lease ids, TTLs) are
strings. Each call tries the endpoints in order and moves to the next when one cannot be reached, so one
etcd member being down does not stop registration.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from collections.abc import Sequence
from typing import Any

from .errors import RetriableError

# One call to etcd should take milliseconds; this bounds a hung member before moving to the next.
REQUEST_TIMEOUT_S = 5.0


class EtcdUnavailableError(RetriableError):
    """No etcd endpoint answered the call."""


class EtcdRequestError(RetriableError):
    """etcd answered with an error (e.g. the lease is gone); registering again may help."""


class EtcdGateway:
    """A client for etcd's JSON gateway at one or more endpoints (http://host:port)."""

    def __init__(self, endpoints: Sequence[str]) -> None:
        if not endpoints:
            raise ValueError("at least one etcd endpoint is needed")
        self.endpoints = tuple(endpoint.rstrip("/") for endpoint in endpoints)
        # The mesh's etcd is internal: never send its traffic through an HTTP proxy from the environment.
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def grant_lease(self, ttl_s: int) -> tuple[str, int]:
        """A new lease: its id and the TTL etcd granted."""
        answer = self._call("/v3/lease/grant", {"TTL": ttl_s})
        return str(answer["ID"]), int(answer.get("TTL", ttl_s))

    def keep_alive(self, lease_id: str) -> int:
        """Renews the lease once; its remaining TTL in seconds, 0 or less when the lease is gone."""
        answer = self._call("/v3/lease/keepalive", {"ID": lease_id})
        # The gateway streams the answer as {"result": {...}}; a lost lease comes back without a TTL.
        result = answer.get("result", answer)
        return int(result.get("TTL", 0))

    def revoke_lease(self, lease_id: str) -> None:
        """Ends the lease now, deleting every key written under it."""
        self._call("/v3/lease/revoke", {"ID": lease_id})

    def put(self, key: str, value: str, lease_id: str | None = None) -> None:
        """Writes `key`, under `lease_id` if given."""
        body: dict[str, Any] = {"key": _b64(key), "value": _b64(value)}
        if lease_id is not None:
            body["lease"] = lease_id
        self._call("/v3/kv/put", body)

    def delete(self, key: str) -> None:
        """Deletes `key` (nothing happens if it is not there)."""
        self._call("/v3/kv/deleterange", {"key": _b64(key)})

    def get(self, key: str) -> str | None:
        """The value of `key`, or None."""
        answer = self._call("/v3/kv/range", {"key": _b64(key)})
        kvs = answer.get("kvs") or []
        return base64.b64decode(kvs[0].get("value", "")).decode() if kvs else None

    def _call(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        data = json.dumps(body).encode()
        failures = []
        for endpoint in self.endpoints:
            request = urllib.request.Request(
                f"{endpoint}{path}", data=data, headers={"Content-Type": "application/json"}, method="POST"
            )
            try:
                with self._opener.open(request, timeout=REQUEST_TIMEOUT_S) as response:
                    return _first_json_object(response.read())
            except urllib.error.HTTPError as answer:
                # etcd itself answered: another member would say the same, so do not fail over.
                detail = answer.read(1000).decode("utf-8", errors="replace").strip()
                raise EtcdRequestError(
                    f"etcd at {endpoint} answered {path} with {answer.code}: {detail}"
                ) from answer
            except (urllib.error.URLError, OSError, ValueError) as problem:
                failures.append(f"{endpoint}: {getattr(problem, 'reason', problem)}")
        raise EtcdUnavailableError(
            f"no etcd endpoint answered {path} ({'; '.join(failures)}); start etcd or fix "
            "CONNECT_MESH_ETCD_ENDPOINTS"
        )


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode("ascii")


def _first_json_object(raw: bytes) -> dict[str, Any]:
    # Streaming calls (keepalive) answer with newline-delimited objects; the one request gets one answer.
    text = raw.decode().strip()
    first_line = text.splitlines()[0] if text else "{}"
    parsed = json.loads(first_line)
    if not isinstance(parsed, dict):
        raise ValueError(f"etcd answered with JSON that is not an object: {first_line[:200]}")
    return parsed
