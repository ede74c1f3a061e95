"""Registration in the mesh's service registry.

The key and value shapes are checked always; the tests against etcd run only when
CONNECT_MESH_TEST_ETCD_ENDPOINT names a running etcd (e.g. http://127.0.0.1:2379), because this suite
does not start etcd itself and a mocked etcd would prove nothing about the JSON gateway.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest

from connectmesh_http_sink.etcd_gateway import EtcdGateway, EtcdUnavailableError
from connectmesh_http_sink.mesh_registration import (
    MeshRegistration,
    register_in_mesh,
    registry_entry,
    registry_key,
)
from connectmesh_http_sink.plugin_catalog import HOSTED_PLUGINS
from connectmesh_http_sink.version import VERSION

T = TypeVar("T")

ETCD_ENDPOINT = os.environ.get("CONNECT_MESH_TEST_ETCD_ENDPOINT", "").strip()
needs_etcd = pytest.mark.skipif(
    not ETCD_ENDPOINT,
    reason="set CONNECT_MESH_TEST_ETCD_ENDPOINT to a running etcd (e.g. http://127.0.0.1:2379) "
    "to test registration",
)


def wait_for(read: Callable[[], T], accept: Callable[[T], bool], timeout_s: float, what: str) -> T:
    """Polls `read` until `accept` holds; fails with the last value seen once `timeout_s` passes."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = read()
        if accept(value):
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout_s} s for {what}; last saw {value!r}")
        time.sleep(0.1)


def test_the_key_encodes_cluster_and_instance_like_encode_uri_component() -> None:
    assert registry_key("local", "http-1") == "/connect-mesh/local/services/connector/http-1"
    assert registry_key("a/b", "host:1 x") == "/connect-mesh/a%2Fb/services/connector/host%3A1%20x"


def test_the_entry_has_the_shape_the_typescript_registry_reads() -> None:
    entry = registry_entry("http-1", "127.0.0.1:5000", HOSTED_PLUGINS)
    assert entry["serviceType"] == "connector"
    assert entry["instanceId"] == "http-1"
    assert entry["address"] == "127.0.0.1:5000"
    assert entry["plugins"] == [
        {
            "className": "dev.connectmesh.http.HttpSink",
            "aliases": ["HttpSink", "http"],
            "kind": "sink",
            "version": VERSION,
        }
    ]
    assert entry["version"] == VERSION
    assert str(entry["registeredAt"]).endswith("Z")
    assert "metricsAddress" not in entry


def test_the_entry_advertises_the_metrics_address_after_the_address() -> None:
    entry = registry_entry("http-1", "127.0.0.1:5000", HOSTED_PLUGINS, "127.0.0.1:5001")
    assert list(entry)[:4] == ["serviceType", "instanceId", "address", "metricsAddress"]
    assert entry["metricsAddress"] == "127.0.0.1:5001"


@pytest.fixture
def gateway() -> EtcdGateway:
    return EtcdGateway([ETCD_ENDPOINT])


@pytest.fixture
def cluster() -> str:
    return f"test-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def registration(cluster: str) -> Iterator[MeshRegistration]:
    registered = register_in_mesh([ETCD_ENDPOINT], cluster, "http-test", "127.0.0.1:5555", HOSTED_PLUGINS)
    yield registered
    registered.deregister()


@needs_etcd
def test_registers_the_entry_under_a_lease(
    registration: MeshRegistration, gateway: EtcdGateway, cluster: str
) -> None:
    stored = gateway.get(f"/connect-mesh/{cluster}/services/connector/http-test")
    assert stored is not None
    entry = json.loads(stored)
    assert entry["address"] == "127.0.0.1:5555"
    assert entry["plugins"][0]["className"] == "dev.connectmesh.http.HttpSink"


@needs_etcd
def test_deregister_removes_the_entry_at_once(gateway: EtcdGateway, cluster: str) -> None:
    registered = register_in_mesh([ETCD_ENDPOINT], cluster, "http-test", "127.0.0.1:5555", HOSTED_PLUGINS)
    registered.deregister()
    assert gateway.get(registered.key) is None


@needs_etcd
def test_registers_again_when_the_lease_is_lost(registration: MeshRegistration, gateway: EtcdGateway) -> None:
    first_lease = registration.lease_id
    assert first_lease is not None
    # Revoking from outside plays an etcd that expired the lease while this process was cut off.
    gateway.revoke_lease(first_lease)
    assert gateway.get(registration.key) is None
    wait_for(
        lambda: (registration.lease_id, gateway.get(registration.key)),
        lambda seen: seen[0] not in (None, first_lease) and seen[1] is not None,
        timeout_s=15,
        what="the entry to be registered again under a new lease",
    )


def test_an_unreachable_etcd_fails_registration_with_what_to_do() -> None:
    # Port 9 (discard) on loopback: nothing listens there, so the connection is refused at once.
    with pytest.raises(EtcdUnavailableError, match="CONNECT_MESH_ETCD_ENDPOINTS"):
        register_in_mesh(["http://127.0.0.1:9"], "c", "i", "127.0.0.1:1", HOSTED_PLUGINS)
