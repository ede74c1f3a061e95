package datagen

import (
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"

	"connect-mesh.dev/connectors/datagen/internal/configdef"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

func openTestTask(t *testing.T, open *connectmeshv1.ReadOpen) *Task {
	t.Helper()
	task, err := openTask(open, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return task
}

func sequenceOf(t *testing.T, record *connectmeshv1.Record) int64 {
	t.Helper()
	sequence, isSequence := singleIntEntry(record.GetSourceOffset(), offsetSequenceKey)
	if !isSequence {
		t.Fatalf("record has no sequence offset: %v", record.GetSourceOffset())
	}
	return sequence
}

func TestTaskBatchesUpToBatchSizeAndStopsAtCount(t *testing.T) {
	task := openTestTask(t, &connectmeshv1.ReadOpen{Config: map[string]string{"topic": "t", "batch.size": "4", "count": "10"}})
	var sizes []int
	next := int64(1)
	for range 3 {
		records, err := task.NextBatch(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(records))
		for _, record := range records {
			if got := sequenceOf(t, record); got != next {
				t.Fatalf("sequence %d, want %d", got, next)
			}
			next++
		}
	}
	if sizes[0] != 4 || sizes[1] != 4 || sizes[2] != 2 {
		t.Errorf("batch sizes %v, want [4 4 2]", sizes)
	}
	// With count reached the task idles until it is stopped; it never sends an empty batch.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if records, err := task.NextBatch(ctx); len(records) != 0 || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("after count: %d records, %v; want none until the context ends", len(records), err)
	}
}

func TestTaskResumesAfterTheStoredSequence(t *testing.T) {
	task := openTestTask(t, &connectmeshv1.ReadOpen{
		Config:  map[string]string{"topic": "t", "batch.size": "3", "task.index": "2"},
		Offsets: []*connectmeshv1.SourceOffset{stored(sourcePartition(2), sourceOffset(41))},
	})
	records, err := task.NextBatch(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for i, record := range records {
		want := DeriveFields(42, 2, 42+int64(i))
		if sequenceOf(t, record) != 42+int64(i) || record.GetKey().GetIntValue() != want.ID {
			t.Errorf("record %d: offset %v, key %v; want sequence %d, id %d", i, record.GetSourceOffset(), record.GetKey(), 42+i, want.ID)
		}
	}
}

func TestTaskTakesItsIndexFromTheTaskIdWithoutTaskIndex(t *testing.T) {
	task := openTestTask(t, &connectmeshv1.ReadOpen{TaskId: 3, Config: map[string]string{"topic": "t", "batch.size": "1"}})
	records, _ := task.NextBatch(context.Background())
	if got := records[0].GetKey().GetIntValue(); got != 3*IDsPerTask+1 {
		t.Errorf("first id %d, want %d", got, 3*IDsPerTask+1)
	}
}

func TestOpenTaskRefusesABadTaskConfig(t *testing.T) {
	_, err := openTask(&connectmeshv1.ReadOpen{Config: map[string]string{"task.index": "-1", "rate": "x"}}, slog.New(slog.DiscardHandler))
	var configErr *configdef.ConfigError
	if !errors.As(err, &configErr) || len(configErr.Problems) != 3 {
		t.Fatalf("error = %v, want a ConfigError naming topic, rate and task.index", err)
	}
}

func TestTaskEncodesEachKeyTypeAndValueShape(t *testing.T) {
	for _, test := range []struct {
		keyType, valueShape string
		check               func(*connectmeshv1.Record) bool
	}{
		{"none", "record", func(r *connectmeshv1.Record) bool {
			return r.GetKey() == nil && r.GetKeySchema() == nil && r.GetValueSchema().GetName() == RecordSchemaName &&
				len(r.GetValue().GetStructValue().GetFields()) == 6
		}},
		{"sequence", "string", func(r *connectmeshv1.Record) bool {
			return r.GetKey().GetIntValue() == 1 && r.GetValue().GetStringValue() == DeriveFields(42, 0, 1).JSON()
		}},
		{"uuid", "record", func(r *connectmeshv1.Record) bool {
			return r.GetKey().GetStringValue() == DeriveFields(42, 0, 1).UUID
		}},
	} {
		task := openTestTask(t, &connectmeshv1.ReadOpen{Config: map[string]string{
			"topic": "t", "batch.size": "1", "key.type": test.keyType, "value.shape": test.valueShape,
		}})
		records, _ := task.NextBatch(context.Background())
		if record := records[0]; record.GetTopic() != "t" || record.TimestampMs != nil || !test.check(record) {
			t.Errorf("key.type %s, value.shape %s: record = %v", test.keyType, test.valueShape, record)
		}
	}
}
