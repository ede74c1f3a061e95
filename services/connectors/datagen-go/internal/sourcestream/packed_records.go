package sourcestream

import (
	"google.golang.org/protobuf/proto"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

// minAverageRun is the average run length below which packing saves too little: a run's shared fields
// cost about what a record's own do.
const minAverageRun = 4

// packRecords gives records as runs of the packed form (record.proto's PackedRecords), or nil when any
// record does not fit one (headers, a null or structured key or value, a sampled trace) or the runs would
// be too short to pay; the batch then goes record by record. A record joins the run before it when it
// shares every field but its key, value and timestamp, so the runs say what the records say, apart from
// the source offsets of all but each run's last record, which the worker does not store anyway.
func packRecords(records []*connectmeshv1.Record) []*connectmeshv1.PackedRecords {
	var runs []*runBuilder
	var current *runBuilder
	for _, record := range records {
		if current == nil || !current.add(record) {
			current = &runBuilder{first: record}
			if !current.add(record) {
				return nil
			}
			runs = append(runs, current)
		}
	}
	if len(runs) == 0 || len(runs)*minAverageRun > len(records) {
		return nil
	}
	packed := make([]*connectmeshv1.PackedRecords, len(runs))
	for i, run := range runs {
		packed[i] = run.build()
	}
	return packed
}

// runBuilder is one run being packed: the fields its records share, taken from its first record.
type runBuilder struct {
	first      *connectmeshv1.Record
	keys       [][]byte
	values     [][]byte
	timestamps []int64
	lastOffset *connectmeshv1.Value
}

// add adds record when it belongs to the run, and says whether it did.
func (r *runBuilder) add(record *connectmeshv1.Record) bool {
	first := r.first
	if len(record.Headers) > 0 || record.KafkaPosition != nil ||
		record.Topic != first.Topic ||
		!sameOptional(record.KafkaPartition, first.KafkaPartition) ||
		(record.TimestampMs == nil) != (first.TimestampMs == nil) ||
		!packableTrace(record.Trace) || record.Trace.GetUnsampled() != first.Trace.GetUnsampled() ||
		(record.Key == nil) != (first.Key == nil) ||
		!sameMessage(record.KeySchema, first.KeySchema) ||
		!sameMessage(record.ValueSchema, first.ValueSchema) ||
		!sameMessage(record.SourcePartition, first.SourcePartition) {
		return false
	}
	value, ok := flatBytes(record.ValueSchema, record.Value)
	if !ok {
		return false
	}
	if record.Key != nil {
		key, ok := flatBytes(record.KeySchema, record.Key)
		if !ok {
			return false
		}
		r.keys = append(r.keys, key)
	}
	r.values = append(r.values, value)
	r.timestamps = append(r.timestamps, record.GetTimestampMs())
	r.lastOffset = record.SourceOffset
	return true
}

func (r *runBuilder) build() *connectmeshv1.PackedRecords {
	first := r.first
	run := &connectmeshv1.PackedRecords{
		Topic:            first.Topic,
		KafkaPartition:   first.KafkaPartition,
		KeySchema:        first.KeySchema,
		Keys:             r.keys,
		ValueSchema:      first.ValueSchema,
		Values:           r.values,
		SourcePartition:  first.SourcePartition,
		LastSourceOffset: r.lastOffset,
		Unsampled:        first.Trace.GetUnsampled(),
	}
	if first.TimestampMs != nil {
		base := *first.TimestampMs
		run.TimestampBaseMs = &base
		for _, timestamp := range r.timestamps {
			if timestamp != base {
				run.TimestampDeltasMs = make([]int64, len(r.timestamps))
				for i, each := range r.timestamps {
					run.TimestampDeltasMs[i] = each - base
				}
				break
			}
		}
	}
	return run
}

// flatBytes is a key or value as the packed form carries it: STRING text as UTF-8, BYTES as they are.
func flatBytes(schema *connectmeshv1.Schema, value *connectmeshv1.Value) ([]byte, bool) {
	switch schema.GetType() {
	case connectmeshv1.SchemaType_SCHEMA_TYPE_STRING:
		if text, ok := value.GetKind().(*connectmeshv1.Value_StringValue); ok {
			return []byte(text.StringValue), true
		}
	case connectmeshv1.SchemaType_SCHEMA_TYPE_BYTES:
		if data, ok := value.GetKind().(*connectmeshv1.Value_BytesValue); ok {
			return data.BytesValue, true
		}
	}
	return nil, false
}

// packableTrace says whether a run can carry the record's trace: none, or the unsampled marker.
func packableTrace(trace *connectmeshv1.TraceContext) bool {
	return trace == nil || trace.GetUnsampled()
}

func sameOptional[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// sameMessage is true for the same message (the usual case, cheap) or two equal in content.
func sameMessage(a, b proto.Message) bool {
	return a == b || proto.Equal(a, b)
}
