package datagen

import (
	"context"
	"errors"
	"testing"
	"time"
)

var start = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

func TestPacerSendsTheFirstRecordAtOnceThenWaitsForABatchWindow(t *testing.T) {
	p := newPacer(20, 500, func() time.Time { return start })
	// 20/s aims at 2 records per 100 ms batch; it starts with one token, which is not yet 2.
	if size, wait := p.reserve(start, 500); size != 0 || wait != 50*time.Millisecond {
		t.Fatalf("at start: size %d, wait %v; want 0, 50ms", size, wait)
	}
	if size, _ := p.reserve(start.Add(50*time.Millisecond), 500); size != 2 {
		t.Fatalf("after 50 ms: size %d, want 2", size)
	}
	if size, wait := p.reserve(start.Add(60*time.Millisecond), 500); size != 0 || wait != 90*time.Millisecond {
		t.Fatalf("10 ms later: size %d, wait %v; want 0, 90ms", size, wait)
	}
}

func TestPacerSendsASlowRatesRecordsOneByOne(t *testing.T) {
	p := newPacer(0.5, 500, func() time.Time { return start })
	if size, _ := p.reserve(start, 500); size != 1 {
		t.Fatalf("at start: size %d, want the first record at once", size)
	}
	if size, wait := p.reserve(start, 500); size != 0 || wait != 2*time.Second {
		t.Fatalf("then: size %d, wait %v; want 0, 2s", size, wait)
	}
}

func TestPacerCatchesUpWithAtMostOneBatch(t *testing.T) {
	p := newPacer(1000, 300, func() time.Time { return start })
	// A minute without credit saves up 60 000 tokens, but the bucket holds one batch.
	if size, _ := p.reserve(start.Add(time.Minute), 300); size != 300 {
		t.Fatalf("size %d, want one full batch of 300", size)
	}
	if size, wait := p.reserve(start.Add(time.Minute), 300); size != 0 || wait != 100*time.Millisecond {
		t.Fatalf("then: size %d, wait %v; want 0 and a 100 ms window for the next 100", size, wait)
	}
}

func TestPacerNeverHandsOutMoreThanTheLimit(t *testing.T) {
	p := newPacer(1e6, 5000, func() time.Time { return start })
	if size, _ := p.reserve(start.Add(time.Second), 7); size != 7 {
		t.Fatalf("size %d, want the limit 7", size)
	}
}

func TestPacerCapsAnAbsurdlyLongWait(t *testing.T) {
	p := newPacer(1e-300, 1, func() time.Time { return start })
	p.reserve(start, 1)
	if _, wait := p.reserve(start, 1); wait != maxPacerWait {
		t.Fatalf("wait %v, want the cap %v", wait, maxPacerWait)
	}
}

func TestPacerTakeReturnsWhenItsContextEnds(t *testing.T) {
	p := newPacer(0.001, 1, time.Now)
	p.tokens = 0
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.take(ctx, 1); !errors.Is(err, context.Canceled) {
		t.Fatalf("take = %v, want context.Canceled", err)
	}
}
