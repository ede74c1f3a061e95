"""Fixtures shared by the gRPC tests: the service in-process on 127.0.0.1:0, a channel to it, and a local
HTTP receiver. Loopback only; nothing here reaches the network."""

from __future__ import annotations

from collections.abc import Iterator

import grpc
import pytest
from http_receiver import HttpReceiver

from connectmesh_http_sink.connector_server import ConnectorServer


@pytest.fixture(autouse=True)
def no_proxy_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # urllib honours http_proxy; a proxy set on a CI machine must not swallow our loopback POSTs.
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def server() -> Iterator[ConnectorServer]:
    # One per test module: the service is stateless between calls and streams, and starting and stopping
    # a gRPC server costs ~0.2 s. A test that stops the server starts its own (see own_server).
    started = ConnectorServer("127.0.0.1", 0)
    yield started
    started.stop(grace_s=0)


@pytest.fixture
def own_server() -> Iterator[ConnectorServer]:
    started = ConnectorServer("127.0.0.1", 0)
    yield started
    started.stop(grace_s=0)


@pytest.fixture(scope="module")
def channel(server: ConnectorServer) -> Iterator[grpc.Channel]:
    with grpc.insecure_channel(server.address) as opened:
        grpc.channel_ready_future(opened).result(timeout=10)
        yield opened


@pytest.fixture
def receiver() -> Iterator[HttpReceiver]:
    started = HttpReceiver()
    yield started
    started.close()
