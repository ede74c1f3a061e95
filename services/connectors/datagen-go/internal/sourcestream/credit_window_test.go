package sourcestream

import (
	"context"
	"errors"
	"testing"
	"time"

	"connect-mesh.dev/connectors/datagen/internal/mesherr"
)

func TestCreditWindowAllowsOneBatchPerCreditGranted(t *testing.T) {
	window := newCreditWindow()
	if err := window.grant(2); err != nil {
		t.Fatal(err)
	}
	if err := window.grant(1); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if err := window.take(); err != nil {
			t.Fatalf("take %d: %v", i+1, err)
		}
	}
	if err := window.take(); !errors.Is(err, errNoCredit) {
		t.Fatalf("a fourth take with three credits: %v, want errNoCredit", err)
	}
}

func TestCreditWindowRefusesAGrantOfZero(t *testing.T) {
	var protocolErr *mesherr.ProtocolError
	if err := newCreditWindow().grant(0); !errors.As(err, &protocolErr) {
		t.Fatalf("grant(0) = %v, want a ProtocolError", err)
	}
}

func TestCreditWindowWaitEndsWhenCreditComes(t *testing.T) {
	window := newCreditWindow()
	waited := make(chan error, 1)
	go func() { waited <- window.waitForCredit(context.Background()) }()
	if err := window.grant(1); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-waited:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("waitForCredit still waiting 5 s after a grant")
	}
}

func TestCreditWindowWaitEndsWithItsContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := newCreditWindow().waitForCredit(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("waitForCredit = %v, want context.Canceled", err)
	}
}
