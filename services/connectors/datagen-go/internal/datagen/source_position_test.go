package datagen

import (
	"errors"
	"testing"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

func stored(partition, offset *connectmeshv1.Value) *connectmeshv1.SourceOffset {
	return &connectmeshv1.SourceOffset{Partition: partition, Offset: offset}
}

func TestLastStoredSequenceFindsTheTasksOwnPartition(t *testing.T) {
	open := &connectmeshv1.ReadOpen{Offsets: []*connectmeshv1.SourceOffset{
		stored(sourcePartition(0), sourceOffset(10)),
		stored(sourcePartition(2), sourceOffset(77)),
		stored(singleEntryMap("filename", 2), sourceOffset(5)),
	}}
	tests := map[int32]int64{0: 10, 2: 77, 1: 0}
	for task, want := range tests {
		got, err := lastStoredSequence(open, task)
		if err != nil || got != want {
			t.Errorf("task %d: got %d, %v; want %d", task, got, err, want)
		}
	}
}

func TestLastStoredSequenceRefusesAnOffsetItDidNotWrite(t *testing.T) {
	for name, offset := range map[string]*connectmeshv1.Value{
		"a null offset":     nil,
		"another key":       singleEntryMap("position", 3),
		"a negative number": sourceOffset(-1),
		"a string sequence": {Kind: &connectmeshv1.Value_MapValue{MapValue: &connectmeshv1.MapValue{Entries: []*connectmeshv1.MapEntry{{Key: stringValue("sequence"), Value: stringValue("3")}}}}},
	} {
		t.Run(name, func(t *testing.T) {
			open := &connectmeshv1.ReadOpen{ConnectorName: "demo", Offsets: []*connectmeshv1.SourceOffset{stored(sourcePartition(4), offset)}}
			_, err := lastStoredSequence(open, 4)
			var offsetErr *OffsetError
			if !errors.As(err, &offsetErr) || offsetErr.Retriable() {
				t.Fatalf("error = %v, want a fatal *OffsetError", err)
			}
		})
	}
}
