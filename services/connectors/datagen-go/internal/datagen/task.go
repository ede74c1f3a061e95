package datagen

import (
	"context"
	"log/slog"
	"math"
	"time"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

// Task is one running DatagenSource task: it hands out the next batch of records each time the Read
// stream has credit for one.
type Task struct {
	generator *Generator
	batchSize int
	// next is the sequence of the next record to generate; last is the final one (count, or MaxSequence).
	next, last int64
	// pacer is nil when the rate is unlimited.
	pacer  *pacer
	logger *slog.Logger
}

// openTask starts a task from the stream's open: parses its config, and resumes after the sequence stored
// for its partition. Errors are a *configdef.ConfigError or an *OffsetError, both fatal.
func openTask(open *connectmeshv1.ReadOpen, logger *slog.Logger) (*Task, error) {
	config, err := parseTaskConfig(open)
	if err != nil {
		return nil, err
	}
	stored, err := lastStoredSequence(open, config.Index)
	if err != nil {
		return nil, err
	}
	last := MaxSequence
	if config.Count >= 0 {
		last = config.Count
	}
	task := &Task{
		generator: NewGenerator(config),
		batchSize: config.BatchSize,
		next:      stored + 1,
		last:      last,
		logger:    logger.With("task_index", config.Index),
	}
	// An infinite rate is as good as none; a pacer would only divide by it.
	if config.RatePerSecond > 0 && !math.IsInf(config.RatePerSecond, 1) {
		task.pacer = newPacer(config.RatePerSecond, config.BatchSize, time.Now)
	}
	task.logger.Info("datagen task opened", "resume_at_sequence", task.next, "last_sequence", last,
		"rate_per_second", config.RatePerSecond, "batch_size", config.BatchSize)
	return task, nil
}

// NextBatch generates the next records, at most batch.size, as soon as the rate allows. Once the task has
// generated its count it blocks until ctx ends: the contract has no end of a source, and sends no empty
// batches, so the task waits to be stopped.
func (t *Task) NextBatch(ctx context.Context) ([]*connectmeshv1.Record, error) {
	remaining := t.last - t.next + 1
	if remaining <= 0 {
		t.logger.Info("datagen task generated all its records; idle until the worker stops it", "last_sequence", t.last)
		<-ctx.Done()
		return nil, ctx.Err()
	}
	size := int(min(int64(t.batchSize), remaining))
	if t.pacer != nil {
		var err error
		if size, err = t.pacer.take(ctx, size); err != nil {
			return nil, err
		}
	}
	records := make([]*connectmeshv1.Record, size)
	for i := range records {
		records[i] = t.generator.Record(t.next + int64(i))
	}
	t.next += int64(size)
	return records, nil
}
