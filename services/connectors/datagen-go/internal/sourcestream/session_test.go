package sourcestream

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"

	"connect-mesh.dev/connectors/datagen/internal/mesherr"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

// fakeStream is a Read stream driven by the test. It checks the credit rule at every Send: a batch may
// go out only if the credits the service has received so far (through Recv) cover it.
type fakeStream struct {
	grpc.ServerStream
	ctx      context.Context
	requests chan *connectmeshv1.ReadRequest
	sent     chan *connectmeshv1.ReadResponse

	mu              sync.Mutex
	creditsReceived uint64
	batchesSent     uint64
	violation       string
}

func newFakeStream(ctx context.Context) *fakeStream {
	return &fakeStream{ctx: ctx, requests: make(chan *connectmeshv1.ReadRequest, 16), sent: make(chan *connectmeshv1.ReadResponse, 64)}
}

func (s *fakeStream) Context() context.Context          { return s.ctx }
func (s *fakeStream) SetTrailer(metadata.MD)            {}
func (s *fakeStream) close()                            { close(s.requests) }
func (s *fakeStream) send(r *connectmeshv1.ReadRequest) { s.requests <- r }

func (s *fakeStream) Recv() (*connectmeshv1.ReadRequest, error) {
	select {
	case request, isOpen := <-s.requests:
		if !isOpen {
			return nil, io.EOF
		}
		if credit := request.GetCredit(); credit != nil {
			s.mu.Lock()
			s.creditsReceived += uint64(credit.GetBatches())
			s.mu.Unlock()
		}
		return request, nil
	case <-s.ctx.Done():
		return nil, s.ctx.Err()
	}
}

func (s *fakeStream) Send(response *connectmeshv1.ReadResponse) error {
	if response.GetBatch() != nil {
		s.mu.Lock()
		s.batchesSent++
		if s.batchesSent > s.creditsReceived && s.violation == "" {
			s.violation = "batch sent beyond the credit received"
		}
		s.mu.Unlock()
	}
	s.sent <- response
	return nil
}

func (s *fakeStream) nextSent(t *testing.T) *connectmeshv1.ReadResponse {
	t.Helper()
	select {
	case response := <-s.sent:
		return response
	case <-time.After(5 * time.Second):
		t.Fatal("nothing sent within 5 s")
		return nil
	}
}

// endlessTask has a one-record batch ready at any time, so only credit limits what is sent.
type endlessTask struct{ next int64 }

func (e *endlessTask) NextBatch(context.Context) ([]*connectmeshv1.Record, error) {
	e.next++
	return []*connectmeshv1.Record{{Topic: "t", SourceOffset: &connectmeshv1.Value{Kind: &connectmeshv1.Value_IntValue{IntValue: e.next}}}}, nil
}

// failingTask fails its first batch.
type failingTask struct{ err error }

func (f failingTask) NextBatch(context.Context) ([]*connectmeshv1.Record, error) { return nil, f.err }

func opens(task Task) TaskOpener {
	return func(*connectmeshv1.ReadOpen) (Task, error) { return task, nil }
}

func openRequest() *connectmeshv1.ReadRequest {
	return &connectmeshv1.ReadRequest{Message: &connectmeshv1.ReadRequest_Open{Open: &connectmeshv1.ReadOpen{Plugin: "p", ConnectorName: "c"}}}
}

func creditRequest(batches uint32) *connectmeshv1.ReadRequest {
	return &connectmeshv1.ReadRequest{Message: &connectmeshv1.ReadRequest_Credit{Credit: &connectmeshv1.ReadCredit{Batches: batches}}}
}

func ackRequest(through uint64) *connectmeshv1.ReadRequest {
	return &connectmeshv1.ReadRequest{Message: &connectmeshv1.ReadRequest_Ack{Ack: &connectmeshv1.ReadAck{ThroughSequence: through}}}
}

// serve runs Serve in the background and returns its result channel.
func serve(stream *fakeStream, opener TaskOpener) chan error {
	done := make(chan error, 1)
	go func() { done <- Serve(stream, opener, nil, slog.New(slog.DiscardHandler)) }()
	return done
}

func result(t *testing.T, done chan error) error {
	t.Helper()
	select {
	case err := <-done:
		return err
	case <-time.After(5 * time.Second):
		t.Fatal("Serve still running 5 s after its stream ended")
		return nil
	}
}

func TestServeSendsExactlyOneBatchPerCreditNumberedFromOne(t *testing.T) {
	stream := newFakeStream(context.Background())
	done := serve(stream, opens(&endlessTask{}))
	stream.send(openRequest())
	stream.send(creditRequest(3))
	for want := uint64(1); want <= 3; want++ {
		if got := stream.nextSent(t).GetBatch().GetSequence(); got != want {
			t.Fatalf("batch sequence %d, want %d", got, want)
		}
	}
	stream.send(ackRequest(3))
	stream.send(creditRequest(2))
	stream.nextSent(t)
	stream.nextSent(t)
	// Five credits, five batches: the task always has more, so only the credit holds the sixth back.
	stream.close()
	if err := result(t, done); err != nil {
		t.Fatalf("Serve = %v, want nil after the worker half-closed", err)
	}
	if stream.batchesSent != 5 || stream.violation != "" {
		t.Errorf("sent %d batches (%s), want exactly the 5 credited", stream.batchesSent, stream.violation)
	}
}

func TestServeEndsQuietlyWhenTheStreamEndsBeforeOpen(t *testing.T) {
	stream := newFakeStream(context.Background())
	done := serve(stream, opens(&endlessTask{}))
	stream.close()
	if err := result(t, done); err != nil {
		t.Fatalf("Serve = %v, want nil", err)
	}
}

func TestServeRefusesBrokenRules(t *testing.T) {
	tests := map[string][]*connectmeshv1.ReadRequest{
		"a first request that is not open": {creditRequest(1)},
		"an empty first request":           {{}},
		"a second open":                    {openRequest(), openRequest()},
		"a credit of zero":                 {openRequest(), creditRequest(0)},
		"an ack of a batch never sent":     {openRequest(), ackRequest(1)},
	}
	for name, requests := range tests {
		t.Run(name, func(t *testing.T) {
			stream := newFakeStream(context.Background())
			done := serve(stream, opens(&endlessTask{}))
			for _, request := range requests {
				stream.send(request)
			}
			var protocolErr *mesherr.ProtocolError
			if err := result(t, done); !errors.As(err, &protocolErr) {
				t.Fatalf("Serve = %v, want a ProtocolError", err)
			}
		})
	}
}

func TestServeRefusesAnUnknownPluginWithTheError(t *testing.T) {
	stream := newFakeStream(context.Background())
	unknown := &mesherr.UnknownPluginError{Plugin: "nope"}
	done := serve(stream, func(*connectmeshv1.ReadOpen) (Task, error) { return nil, unknown })
	stream.send(openRequest())
	if err := result(t, done); !errors.Is(err, unknown) {
		t.Fatalf("Serve = %v, want the UnknownPluginError", err)
	}
}

func TestServeReportsATaskThatCannotStartInTheStream(t *testing.T) {
	stream := newFakeStream(context.Background())
	done := serve(stream, func(*connectmeshv1.ReadOpen) (Task, error) { return nil, errors.New("bad config") })
	stream.send(openRequest())
	reported := stream.nextSent(t).GetError()
	if reported.GetKind() != connectmeshv1.ErrorKind_ERROR_KIND_FATAL || reported.GetMessage() != "bad config" {
		t.Errorf("reported %v, want a FATAL error with the task's message", reported)
	}
	if err := result(t, done); err != nil {
		t.Fatalf("Serve = %v, want nil: the error went in the stream", err)
	}
}

type retriableErr struct{}

func (retriableErr) Error() string   { return "source down" }
func (retriableErr) Retriable() bool { return true }

func TestServeReportsAFailingTaskWithItsKind(t *testing.T) {
	stream := newFakeStream(context.Background())
	done := serve(stream, opens(failingTask{err: retriableErr{}}))
	stream.send(openRequest())
	stream.send(creditRequest(1))
	if reported := stream.nextSent(t).GetError(); reported.GetKind() != connectmeshv1.ErrorKind_ERROR_KIND_RETRIABLE {
		t.Errorf("reported %v, want RETRIABLE", reported)
	}
	if err := result(t, done); err != nil {
		t.Fatalf("Serve = %v, want nil", err)
	}
}

func TestServeStopsWhenTheStreamIsCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	stream := newFakeStream(ctx)
	done := serve(stream, opens(&endlessTask{}))
	stream.send(openRequest())
	stream.send(creditRequest(1))
	stream.nextSent(t)
	cancel()
	if err := result(t, done); !errors.Is(err, context.Canceled) {
		t.Fatalf("Serve = %v, want context.Canceled", err)
	}
}
