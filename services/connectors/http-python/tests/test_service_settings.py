"""The service's settings from the environment."""

from __future__ import annotations

import logging
import os

import pytest

from connectmesh_http_sink.errors import FatalError
from connectmesh_http_sink.service_settings import settings_from_env


def test_defaults() -> None:
    settings = settings_from_env({})
    assert settings.host == "127.0.0.1" and settings.port == 0
    assert settings.etcd_endpoints == ("http://127.0.0.1:2379",)
    assert settings.cluster == "local"
    assert settings.instance_id == f"http-{os.getpid()}"
    assert settings.log_level == logging.INFO


def test_given_values() -> None:
    settings = settings_from_env(
        {
            "CONNECT_MESH_ETCD_ENDPOINTS": "http://10.0.0.1:2379, http://10.0.0.2:2379,",
            "CONNECT_MESH_CLUSTER": "prod",
            "CONNECT_MESH_INSTANCE_ID": "http-a",
            "CONNECT_MESH_HTTP_SINK_PORT": "7443",
            "CONNECT_MESH_LOG_LEVEL": "warn",
        }
    )
    assert settings.etcd_endpoints == ("http://10.0.0.1:2379", "http://10.0.0.2:2379")
    assert (settings.cluster, settings.instance_id, settings.port) == ("prod", "http-a", 7443)
    assert settings.log_level == logging.WARNING


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("CONNECT_MESH_HTTP_SINK_PORT", "70000"),
        ("CONNECT_MESH_HTTP_SINK_PORT", "any"),
        ("CONNECT_MESH_LOG_LEVEL", "loud"),
        ("CONNECT_MESH_ETCD_ENDPOINTS", "127.0.0.1:2379"),
    ],
)
def test_a_bad_value_names_its_variable(name: str, text: str) -> None:
    with pytest.raises(FatalError, match=name):
        settings_from_env({name: text})


def test_the_metrics_port_and_the_otlp_endpoint_are_read() -> None:
    settings = settings_from_env(
        {"CONNECT_MESH_METRICS_PORT": "9465", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318"}
    )
    assert (settings.metrics_port, settings.otlp_endpoint) == (9465, "http://127.0.0.1:4318")
    assert (settings_from_env({}).metrics_port, settings_from_env({}).otlp_endpoint) == (0, None)
    with pytest.raises(FatalError, match="CONNECT_MESH_METRICS_PORT"):
        settings_from_env({"CONNECT_MESH_METRICS_PORT": "70000"})
