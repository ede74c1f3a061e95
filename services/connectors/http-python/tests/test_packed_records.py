"""Packed batches (record.proto's PackedRecords) read back as the Records they stand for."""

from __future__ import annotations

import pytest
from data_values import record, string

from connectmesh_gen.connectmesh.v1 import data_pb2, record_pb2, sink_pb2
from connectmesh_http_sink.errors import ProtocolError
from connectmesh_http_sink.packed_records import batch_records

STRING_SCHEMA = data_pb2.Schema(type=data_pb2.SCHEMA_TYPE_STRING)


def run(values: list[str], *, base_offset: int, offset_deltas: list[int] = ()) -> record_pb2.PackedRecords:
    return record_pb2.PackedRecords(
        topic="orders",
        kafka_partition=0,
        value_schema=STRING_SCHEMA,
        values=[value.encode() for value in values],
        timestamp_base_ms=1_795_614_719_000,
        timestamp_deltas_ms=list(range(len(values))),
        kafka_base_offset=base_offset,
        kafka_offset_deltas=list(offset_deltas),
    )


def expected(value: str, offset: int, timestamp_ms: int) -> record_pb2.Record:
    built = record(string(value), offset=offset, value_schema=STRING_SCHEMA, timestamp_ms=timestamp_ms)
    built.kafka_partition = 0
    return built


def test_runs_read_back_as_the_records_they_stand_for_in_order() -> None:
    batch = sink_pb2.SinkBatch(
        sequence=1,
        packed=[run(["é", "b"], base_offset=10), run(["c", "d"], base_offset=20, offset_deltas=[0, 5])],
    )
    assert batch_records(batch) == [
        expected("é", 10, 1_795_614_719_000),
        expected("b", 11, 1_795_614_719_001),
        expected("c", 20, 1_795_614_719_000),
        expected("d", 25, 1_795_614_719_001),
    ]


def test_a_batch_of_records_is_read_as_it_is() -> None:
    records = [record(string("a"), offset=3)]
    assert batch_records(sink_pb2.SinkBatch(sequence=1, records=records)) == records


@pytest.mark.parametrize(
    ("batch", "message"),
    [
        (
            sink_pb2.SinkBatch(sequence=2, records=[record(string("a"))], packed=[run(["b"], base_offset=0)]),
            "batch 2 sets both records and packed",
        ),
        (
            sink_pb2.SinkBatch(sequence=2, packed=[run(["a", "b"], base_offset=0, offset_deltas=[0])]),
            "batch 2, packed run 1 has 1 Kafka offset deltas for 2 values",
        ),
        (sink_pb2.SinkBatch(sequence=2, packed=[record_pb2.PackedRecords(topic="t")]), "has no values"),
    ],
)
def test_a_batch_that_breaks_the_form_is_refused(batch: sink_pb2.SinkBatch, message: str) -> None:
    with pytest.raises(ProtocolError, match=message):
        batch_records(batch)
