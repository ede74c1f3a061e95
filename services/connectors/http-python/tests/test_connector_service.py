"""ConnectorService, health and reflection, over gRPC against the service running in-process."""

from __future__ import annotations

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from connectmesh_gen.connectmesh.v1 import config_pb2, connector_pb2, connector_pb2_grpc, error_pb2
from connectmesh_http_sink.connector_server import ConnectorServer
from connectmesh_http_sink.grpc_status import CONNECTOR_ERROR_METADATA_KEY
from connectmesh_http_sink.version import VERSION

URL = "http://127.0.0.1:9/ingest"
TIMEOUT_S = 10


@pytest.fixture
def stub(channel: grpc.Channel) -> connector_pb2_grpc.ConnectorServiceStub:
    return connector_pb2_grpc.ConnectorServiceStub(channel)


class TestDescribe:
    def test_lists_the_http_sink_with_its_configs(
        self, stub: connector_pb2_grpc.ConnectorServiceStub
    ) -> None:
        (plugin,) = stub.Describe(connector_pb2.DescribeRequest(), timeout=TIMEOUT_S).plugins
        assert plugin.class_name == "dev.connectmesh.http.HttpSink"
        assert list(plugin.aliases) == ["HttpSink", "http"]
        assert plugin.kind == connector_pb2.PLUGIN_KIND_SINK
        assert plugin.version == VERSION
        assert plugin.description
        by_name = {c.name: c for c in plugin.configs}
        assert set(by_name) == {
            "http.url",
            "http.headers",
            "http.timeout.ms",
            "batch.max.records",
            "retry.backoff.ms",
            "retry.max.ms",
        }
        assert by_name["http.url"].required and by_name["http.url"].type == config_pb2.CONFIG_TYPE_STRING
        assert by_name["batch.max.records"].default_value == "500"
        assert by_name["batch.max.records"].validators[0].range.min == 1
        assert all(c.documentation and c.importance for c in plugin.configs)


class TestValidate:
    def test_answers_one_result_per_key_with_its_errors(
        self, stub: connector_pb2_grpc.ConnectorServiceStub
    ) -> None:
        response = stub.Validate(
            connector_pb2.ValidateRequest(
                plugin="http", config={"http.url": "ftp://x", "batch.max.records": "many"}
            ),
            timeout=TIMEOUT_S,
        )
        errors = {v.name: list(v.errors) for v in response.values}
        assert len(errors) == 6
        assert errors["http.url"] == [
            "Invalid value ftp://x for configuration http.url: must start with http:// or https://"
        ]
        assert errors["batch.max.records"] == [
            "Invalid value many for configuration batch.max.records: Not a number of type INT"
        ]
        assert errors["http.timeout.ms"] == []

    def test_reports_a_missing_url(self, stub: connector_pb2_grpc.ConnectorServiceStub) -> None:
        response = stub.Validate(
            connector_pb2.ValidateRequest(plugin="dev.connectmesh.http.HttpSink"), timeout=TIMEOUT_S
        )
        url = next(v for v in response.values if v.name == "http.url")
        assert url.errors == ['Missing required configuration "http.url" which has no default value.']

    def test_an_unknown_plugin_is_not_found_and_the_hosted_ones_are_listed(
        self, stub: connector_pb2_grpc.ConnectorServiceStub
    ) -> None:
        with pytest.raises(grpc.RpcError) as raised:
            stub.Validate(connector_pb2.ValidateRequest(plugin="FileStreamSink"), timeout=TIMEOUT_S)
        error = raised.value
        assert error.code() == grpc.StatusCode.NOT_FOUND
        assert '"FileStreamSink"' in error.details()
        assert "dev.connectmesh.http.HttpSink (sink; also HttpSink, http)" in error.details()
        trailing = dict(error.trailing_metadata())
        reported = error_pb2.ConnectorError.FromString(trailing[CONNECTOR_ERROR_METADATA_KEY])
        assert reported.kind == error_pb2.ERROR_KIND_FATAL


class TestPlan:
    @pytest.mark.parametrize("max_tasks", [1, 3])
    def test_plans_max_tasks_identical_tasks(
        self, stub: connector_pb2_grpc.ConnectorServiceStub, max_tasks: int
    ) -> None:
        config = {"http.url": URL, "topics": "orders", "tasks.max": str(max_tasks)}
        response = stub.Plan(
            connector_pb2.PlanRequest(
                plugin="HttpSink", connector_name="c", config=config, max_tasks=max_tasks
            ),
            timeout=TIMEOUT_S,
        )
        assert [dict(task.config) for task in response.tasks] == [config] * max_tasks

    def test_a_bad_config_is_invalid_argument(self, stub: connector_pb2_grpc.ConnectorServiceStub) -> None:
        with pytest.raises(grpc.RpcError) as raised:
            stub.Plan(
                connector_pb2.PlanRequest(plugin="http", connector_name="c", config={}, max_tasks=1),
                timeout=TIMEOUT_S,
            )
        assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "http.url" in raised.value.details()

    def test_zero_max_tasks_is_invalid_argument(self, stub: connector_pb2_grpc.ConnectorServiceStub) -> None:
        with pytest.raises(grpc.RpcError) as raised:
            stub.Plan(
                connector_pb2.PlanRequest(
                    plugin="http", connector_name="c", config={"http.url": URL}, max_tasks=0
                ),
                timeout=TIMEOUT_S,
            )
        assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT

    def test_an_unknown_plugin_is_not_found(self, stub: connector_pb2_grpc.ConnectorServiceStub) -> None:
        with pytest.raises(grpc.RpcError) as raised:
            stub.Plan(
                connector_pb2.PlanRequest(plugin="nope", config={"http.url": URL}, max_tasks=1),
                timeout=TIMEOUT_S,
            )
        assert raised.value.code() == grpc.StatusCode.NOT_FOUND


class TestHealth:
    @pytest.mark.parametrize("service", ["", "connectmesh.v1.ConnectorService", "connectmesh.v1.SinkService"])
    def test_is_serving_once_listening(self, channel: grpc.Channel, service: str) -> None:
        answer = health_pb2_grpc.HealthStub(channel).Check(
            health_pb2.HealthCheckRequest(service=service), timeout=TIMEOUT_S
        )
        assert answer.status == health_pb2.HealthCheckResponse.SERVING

    def test_watchers_see_not_serving_when_the_server_stops(self, own_server: ConnectorServer) -> None:
        with grpc.insecure_channel(own_server.address) as channel:
            watch = health_pb2_grpc.HealthStub(channel).Watch(
                health_pb2.HealthCheckRequest(service=""), timeout=TIMEOUT_S
            )
            assert next(watch).status == health_pb2.HealthCheckResponse.SERVING
            own_server.stop(grace_s=0.2)
            assert next(watch).status == health_pb2.HealthCheckResponse.NOT_SERVING


def test_reflection_lists_the_served_services(channel: grpc.Channel) -> None:
    stub = reflection_pb2_grpc.ServerReflectionStub(channel)
    (answer,) = stub.ServerReflectionInfo(
        iter([reflection_pb2.ServerReflectionRequest(list_services="")]), timeout=TIMEOUT_S
    )
    names = {service.name for service in answer.list_services_response.service}
    assert {"connectmesh.v1.ConnectorService", "connectmesh.v1.SinkService", "grpc.health.v1.Health"} <= names
