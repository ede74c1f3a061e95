package sourcestream

import (
	"errors"
	"testing"

	"connect-mesh.dev/connectors/datagen/internal/mesherr"
)

func TestBatchLedgerNumbersBatchesFromOne(t *testing.T) {
	var ledger batchLedger
	for want := uint64(1); want <= 3; want++ {
		if got := ledger.recordSent(); got != want {
			t.Fatalf("sequence %d, want %d", got, want)
		}
	}
}

func TestBatchLedgerTakesCumulativeAcksAndIgnoresOldOnes(t *testing.T) {
	var ledger batchLedger
	ledger.recordSent()
	ledger.recordSent()
	ledger.recordSent()
	for _, ack := range []uint64{2, 1, 2, 3} {
		if err := ledger.acknowledge(ack); err != nil {
			t.Fatalf("ack %d: %v", ack, err)
		}
	}
	if sent, acked := ledger.counts(); sent != 3 || acked != 3 {
		t.Errorf("sent %d, acked %d; want 3, 3", sent, acked)
	}
}

func TestBatchLedgerRefusesAnAckOfABatchNeverSent(t *testing.T) {
	var ledger batchLedger
	ledger.recordSent()
	var protocolErr *mesherr.ProtocolError
	if err := ledger.acknowledge(2); !errors.As(err, &protocolErr) {
		t.Fatalf("ack 2 after 1 sent: %v, want a ProtocolError", err)
	}
}
