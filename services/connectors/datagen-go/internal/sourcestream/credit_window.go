package sourcestream

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"

	"connect-mesh.dev/connectors/datagen/internal/mesherr"
)

// creditWindow is the credit a Read stream holds: batches the worker has granted and the service has not
// yet used. It keeps the contract's rule: batches sent never exceed the sum of credits received. Grants
// come from the request goroutine, waits and takes from the sending one.
type creditWindow struct {
	mu        sync.Mutex
	available uint64
	// granted wakes a waiter; one slot is enough, as there is one waiter and it re-checks available.
	granted chan struct{}
}

func newCreditWindow() *creditWindow {
	return &creditWindow{granted: make(chan struct{}, 1)}
}

// grant adds one ReadCredit's batches; the contract says a grant is at least 1.
func (w *creditWindow) grant(batches uint32) error {
	if batches < 1 {
		return &mesherr.ProtocolError{Rule: fmt.Sprintf("a ReadCredit must grant at least 1 batch, not %d", batches)}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.available > math.MaxUint64-uint64(batches) {
		return &mesherr.ProtocolError{Rule: "the credit granted and not yet used exceeds 2^64 batches"}
	}
	w.available += uint64(batches)
	select {
	case w.granted <- struct{}{}:
	default:
	}
	return nil
}

// remaining is how many batches may be sent now.
func (w *creditWindow) remaining() uint64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.available
}

// waitForCredit returns once at least one batch may be sent, or with ctx's error once ctx ends.
func (w *creditWindow) waitForCredit(ctx context.Context) error {
	for w.remaining() == 0 {
		select {
		case <-w.granted:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// errNoCredit is a bug in the sender: it must wait for credit before taking it.
var errNoCredit = errors.New("no credit left to send a batch; wait for credit first")

// take uses one batch of credit, just before the batch is sent.
func (w *creditWindow) take() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.available == 0 {
		return errNoCredit
	}
	w.available--
	return nil
}
