"""The /metrics endpoint on a free port of 127.0.0.1."""

from __future__ import annotations

import urllib.request

from connectmesh_http_sink.metrics_server import start_metrics_server


def test_metrics_are_served_on_a_free_port() -> None:
    server = start_metrics_server("127.0.0.1", 0)
    try:
        assert not server.address.endswith(":0")
        with urllib.request.urlopen(f"http://{server.address}/metrics", timeout=5) as response:
            body = response.read().decode()
        assert response.status == 200
        assert "process_cpu_seconds_total" in body and "python_info" in body
    finally:
        server.close()
