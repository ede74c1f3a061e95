package sourcestream

import (
	"fmt"
	"sync"

	"connect-mesh.dev/connectors/datagen/internal/mesherr"
)

// batchLedger numbers the batches a stream sends (from 1) and checks the worker's cumulative acks against
// them. It keeps two numbers, not batches: the unacked ones are bounded by the credit anyway, and a
// generated source has nothing upstream to release when they are acked.
type batchLedger struct {
	mu        sync.Mutex
	sentUpTo  uint64
	ackedUpTo uint64
}

// recordSent numbers the next batch; call it before sending, since the worker may ack as soon as it has it.
func (l *batchLedger) recordSent() uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sentUpTo++
	return l.sentUpTo
}

// acknowledge applies a cumulative ack. A repeated or older ack is harmless and changes nothing; an ack of
// a batch never sent breaks the protocol.
func (l *batchLedger) acknowledge(throughSequence uint64) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if throughSequence > l.sentUpTo {
		return &mesherr.ProtocolError{Rule: fmt.Sprintf(
			"ack through batch %d, but only %d batches were sent on this stream", throughSequence, l.sentUpTo)}
	}
	l.ackedUpTo = max(l.ackedUpTo, throughSequence)
	return nil
}

// counts are the sequence of the newest batch sent and the newest acked, 0 before the first.
func (l *batchLedger) counts() (sent, acked uint64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.sentUpTo, l.ackedUpTo
}
