package datagen

import (
	"fmt"

	"google.golang.org/protobuf/encoding/protojson"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

// The keys of the source partition {"task": <index>} and the source offset {"sequence": <sequence>}.
const (
	partitionTaskKey  = "task"
	offsetSequenceKey = "sequence"
)

// sourcePartition is task's source partition, {"task": <index>}: a MAP with string keys, as record.proto asks.
func sourcePartition(task int32) *connectmeshv1.Value {
	return singleEntryMap(partitionTaskKey, int64(task))
}

// sourceOffset is the offset of record `sequence`, {"sequence": <sequence>}: once the worker stores it, the
// task resumes after it.
func sourceOffset(sequence int64) *connectmeshv1.Value {
	return singleEntryMap(offsetSequenceKey, sequence)
}

// OffsetError means the offset stored for a task's partition is not one this plugin wrote, so the task
// cannot tell where to resume. Not retriable: the stored offset must be reset.
type OffsetError struct {
	Connector string
	Task      int32
	// Offset is the stored offset, as protobuf JSON.
	Offset string
}

func (e *OffsetError) Error() string {
	return fmt.Sprintf("connector %q task %d cannot resume: the stored offset of source partition {\"task\": %d} is %s, "+
		"not {\"sequence\": <a number from 0>}; reset the connector's offsets (DELETE /connectors/%s/offsets) "+
		"to start again from sequence 1", e.Connector, e.Task, e.Task, e.Offset, e.Connector)
}

// Retriable is false: the same stored offset fails the same way.
func (e *OffsetError) Retriable() bool { return false }

// lastStoredSequence finds the task's partition among the offsets a Read stream opens with and returns the
// sequence stored for it: the last record the worker made durable, so the task continues at the next one.
// It returns 0 when the partition has no offset yet (a first start). Other tasks' partitions are skipped.
func lastStoredSequence(open *connectmeshv1.ReadOpen, task int32) (int64, error) {
	var stored *connectmeshv1.Value
	isFound := false
	for _, offset := range open.GetOffsets() {
		if index, isTask := singleIntEntry(offset.GetPartition(), partitionTaskKey); isTask && index == int64(task) {
			// The worker sends one offset per partition; should it send more, the last is the newest.
			stored, isFound = offset.GetOffset(), true
		}
	}
	if !isFound {
		return 0, nil
	}
	sequence, isSequence := singleIntEntry(stored, offsetSequenceKey)
	if !isSequence || sequence < 0 {
		shown := "null"
		if stored != nil {
			shown = protojson.Format(stored)
		}
		return 0, &OffsetError{Connector: open.GetConnectorName(), Task: task, Offset: shown}
	}
	return sequence, nil
}

func singleEntryMap(key string, number int64) *connectmeshv1.Value {
	return &connectmeshv1.Value{Kind: &connectmeshv1.Value_MapValue{MapValue: &connectmeshv1.MapValue{
		Entries: []*connectmeshv1.MapEntry{{Key: stringValue(key), Value: intValue(number)}},
	}}}
}

// singleIntEntry reads a MAP value that holds exactly one entry, key -> an integer.
func singleIntEntry(value *connectmeshv1.Value, key string) (int64, bool) {
	entries := value.GetMapValue().GetEntries()
	if len(entries) != 1 || entries[0].GetKey().GetStringValue() != key {
		return 0, false
	}
	number, isInt := entries[0].GetValue().GetKind().(*connectmeshv1.Value_IntValue)
	if !isInt {
		return 0, false
	}
	return number.IntValue, true
}
