package datagen

import (
	"context"
	"math"
	"time"
)

// batchWindow is how much time one paced batch should cover. Shorter batches lower the latency of each
// record but cost a gRPC message and a Kafka produce each; a tenth of a second keeps a paced task at about
// ten batches a second whatever the rate, and sends a slow rate's records one by one as they fall due.
const batchWindow = 100 * time.Millisecond

// maxPacerWait caps one sleep, so an absurdly low rate (1e-300/s) cannot overflow a time.Duration; the
// pacer simply sleeps again.
const maxPacerWait = time.Hour

// pacer holds a task to a rate with a token bucket: tokens accrue at ratePerSecond, each record spends one,
// and at most burst are saved up. The burst is one batch, so after the worker held back credit for a while
// the task catches up with one full batch, not with everything it missed.
type pacer struct {
	ratePerSecond float64
	burst         float64
	tokens        float64
	last          time.Time
	now           func() time.Time
}

// newPacer starts with one token, so the first record goes out at once rather than after 1/rate seconds.
func newPacer(ratePerSecond float64, burst int, now func() time.Time) *pacer {
	return &pacer{ratePerSecond: ratePerSecond, burst: float64(burst), tokens: 1, last: now(), now: now}
}

// take waits until a batch of at least one record is due and returns how many records to generate now,
// from 1 to limit. It sleeps on a timer, never spins, and returns ctx's error if ctx ends first.
func (p *pacer) take(ctx context.Context, limit int) (int, error) {
	for {
		size, wait := p.reserve(p.now(), limit)
		if size > 0 {
			return size, nil
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return 0, ctx.Err()
		case <-timer.C:
		}
	}
}

// reserve is take's arithmetic at the instant now: either the records to generate (taken from the bucket)
// or, with size 0, how long until the batch the pacer aims for is due.
func (p *pacer) reserve(now time.Time, limit int) (size int, wait time.Duration) {
	if elapsed := now.Sub(p.last); elapsed > 0 {
		p.tokens = math.Min(p.burst, p.tokens+elapsed.Seconds()*p.ratePerSecond)
	}
	p.last = now
	// Aim for a batch that covers batchWindow, within 1 and limit records.
	target := math.Max(1, math.Min(float64(limit), math.Floor(p.ratePerSecond*batchWindow.Seconds())))
	if p.tokens >= target {
		size = int(math.Min(float64(limit), math.Floor(p.tokens)))
		p.tokens -= float64(size)
		return size, 0
	}
	seconds := (target - p.tokens) / p.ratePerSecond
	if seconds >= maxPacerWait.Seconds() {
		return 0, maxPacerWait
	}
	// Rounded up, so the wake-up never comes a hair early and loops once more for nothing.
	return 0, time.Duration(math.Ceil(seconds * float64(time.Second)))
}
