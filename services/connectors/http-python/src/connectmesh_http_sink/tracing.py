"""Tracing for this service, on only when OTEL_EXPORTER_OTLP_ENDPOINT is set: an SDK tracer provider with
the record sampler, batching spans to the endpoint's /v1/traces over OTLP/HTTP protobuf, as the TypeScript
services export. Without an endpoint there is no tracer, and the sink tasks leave records' traces alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace import Tracer

from .record_sampler import RecordSampler

INSTRUMENTATION_NAME = "connect-mesh"


@dataclass(frozen=True, slots=True)
class Tracing:
    """The process's tracer and what flushes it."""

    tracer: Tracer
    provider: TracerProvider

    def shutdown(self) -> None:
        """Exports the spans still queued, then stops; call it last, on stop."""
        self.provider.shutdown()


def start_tracing(otlp_endpoint: str | None, service_name: str, instance_id: str) -> Tracing | None:
    """Tracing to `otlp_endpoint`, or None (tracing off) without one."""
    if not otlp_endpoint:
        return None
    provider = TracerProvider(
        sampler=RecordSampler(),
        resource=Resource.create({"service.name": service_name, "service.instance.id": instance_id}),
    )
    exporter = OTLPSpanExporter(endpoint=f"{otlp_endpoint.rstrip('/')}/v1/traces")
    provider.add_span_processor(BatchSpanProcessor(exporter))
    return Tracing(provider.get_tracer(INSTRUMENTATION_NAME), provider)
