"""The packed batch form of the contract (record.proto's PackedRecords), read back as Records.

A batch carries its records either each on its own (`records`) or as runs of flat records (`packed`): a
run states its topic, partition and schemas once, and each record's key and value as bytes (UTF-8 text
for a STRING schema, the bytes themselves for BYTES). This service sets Plugin.reads_packed_batches, so
the worker may send either; the task sees Records whatever came.
"""

from __future__ import annotations

from connectmesh_gen.connectmesh.v1 import data_pb2, record_pb2, sink_pb2

from .errors import ProtocolError


def batch_records(batch: sink_pb2.SinkBatch) -> list[record_pb2.Record]:
    """The batch's records, each as the per-record form carries it; raises ProtocolError for a batch that
    breaks the form's rules (both forms set, or a run's lists that do not match its values)."""
    if not batch.packed:
        return list(batch.records)
    if batch.records:
        raise ProtocolError(f"batch {batch.sequence} sets both records and packed; a batch uses one form")
    records: list[record_pb2.Record] = []
    for index, run in enumerate(batch.packed):
        _check_run(batch.sequence, index, run)
        records.extend(_unpack(run))
    return records


def _check_run(sequence: int, index: int, run: record_pb2.PackedRecords) -> None:
    where = f"batch {sequence}, packed run {index + 1}"
    count = len(run.values)
    if count == 0:
        raise ProtocolError(f"{where} has no values; a run holds at least one record")
    for name, items in (
        ("keys", run.keys),
        ("timestamp deltas", run.timestamp_deltas_ms),
        ("Kafka offset deltas", run.kafka_offset_deltas),
    ):
        if items and len(items) != count:
            raise ProtocolError(f"{where} has {len(items)} {name} for {count} values; give one per value, or none")


def _unpack(run: record_pb2.PackedRecords) -> list[record_pb2.Record]:
    records = []
    for index, value in enumerate(run.values):
        record = record_pb2.Record(topic=run.topic, value=_flat_value(run.value_schema, value))
        record.value_schema.CopyFrom(run.value_schema)
        if run.HasField("key_schema"):
            record.key_schema.CopyFrom(run.key_schema)
        if run.keys:
            record.key.CopyFrom(_flat_value(run.key_schema, run.keys[index]))
        if run.HasField("kafka_partition"):
            record.kafka_partition = run.kafka_partition
        if run.HasField("timestamp_base_ms"):
            delta = run.timestamp_deltas_ms[index] if run.timestamp_deltas_ms else 0
            record.timestamp_ms = run.timestamp_base_ms + delta
        if run.HasField("kafka_base_offset"):
            delta = run.kafka_offset_deltas[index] if run.kafka_offset_deltas else index
            record.kafka_position.CopyFrom(
                record_pb2.KafkaPosition(
                    topic=run.topic, partition=run.kafka_partition, offset=run.kafka_base_offset + delta
                )
            )
        if run.HasField("source_partition"):
            record.source_partition.CopyFrom(run.source_partition)
        if index == len(run.values) - 1 and run.HasField("last_source_offset"):
            record.source_offset.CopyFrom(run.last_source_offset)
        if run.unsampled:
            record.trace.unsampled = True
        records.append(record)
    return records


def _flat_value(schema: data_pb2.Schema, data: bytes) -> data_pb2.Value:
    """A flat key or value: text for a STRING schema (bad UTF-8 replaced, as a string field would read),
    bytes otherwise."""
    if schema.type == data_pb2.SCHEMA_TYPE_STRING:
        return data_pb2.Value(string_value=data.decode("utf-8", errors="replace"))
    return data_pb2.Value(bytes_value=data)
