package sourcestream

import (
	"context"
	"errors"
	"io"
	"log/slog"

	"connect-mesh.dev/connectors/datagen/internal/configdef"
	"connect-mesh.dev/connectors/datagen/internal/mesherr"
	"connect-mesh.dev/connectors/datagen/internal/telemetry"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

// errWorkerEnded is why a task stops when the worker half-closes: the normal way to stop a task.
var errWorkerEnded = errors.New("the worker ended the Read stream")

// errEmptyBatch is a bug in a task: the contract forbids empty batches, and asking again would spin.
var errEmptyBatch = errors.New("the source task returned an empty batch; a task must block until it has records")

// Serve runs one Read stream from its open to its end. It returns nil when the stream ends normally (the
// worker half-closed, or the task failed and said so in the stream, as the contract asks), and otherwise the
// error the call's status comes from: a *mesherr.ProtocolError, a *mesherr.UnknownPluginError, or the
// stream's own error (cancelled, connection lost). tracing is nil with tracing off.
func Serve(stream connectmeshv1.SourceService_ReadServer, openTask TaskOpener, tracing *telemetry.Tracing, logger *slog.Logger) error {
	first, err := stream.Recv()
	if errors.Is(err, io.EOF) {
		// The worker ended the stream before opening a task: nothing ran, nothing to say.
		return nil
	}
	if err != nil {
		return err
	}
	open := first.GetOpen()
	if open == nil {
		err := &mesherr.ProtocolError{Rule: "the first ReadRequest must be open, not " + describe(first)}
		logger.Warn("a Read stream was refused", "err", err)
		return err
	}
	logger = logger.With("component", "source-task", "connector", open.GetConnectorName(),
		"task", open.GetTaskId(), "plugin", open.GetPlugin())
	task, err := openTask(open)
	if unknown := (*mesherr.UnknownPluginError)(nil); errors.As(err, &unknown) {
		logger.Warn("a Read stream was refused", "err", err)
		return err
	}
	s := &session{stream: stream, task: task, credits: newCreditWindow(), logger: logger}
	if err == nil {
		s.tracing, err = taskTracing(stream, open, tracing)
	}
	if err != nil {
		logger.Warn("the source task could not start; reporting to the worker", "err", err)
		return s.report(err)
	}
	return s.run()
}

// session is one running source task: a goroutine reading credits and acks, and the handler's goroutine
// sending batches, stopped together through one context whose cause says why.
type session struct {
	stream  connectmeshv1.SourceService_ReadServer
	task    Task
	credits *creditWindow
	ledger  batchLedger
	logger  *slog.Logger
	// tracing is nil with tracing off.
	tracing *telemetry.SourceTask
}

// taskTracing is the task's tracing; a bad trace.sampling.ratio fails the task as a config error naming it.
func taskTracing(stream connectmeshv1.SourceService_ReadServer, open *connectmeshv1.ReadOpen, tracing *telemetry.Tracing) (*telemetry.SourceTask, error) {
	identity := telemetry.TaskIdentity{Connector: open.GetConnectorName(), Task: open.GetTaskId()}
	taskTracing, err := tracing.SourceTask(stream.Context(), identity, open.GetConfig())
	if err != nil {
		return nil, &configdef.ConfigError{Subject: "the task config", Problems: []configdef.Problem{{Key: telemetry.SamplingRatioKey, Message: err.Error()}}}
	}
	return taskTracing, nil
}

func (s *session) run() error {
	ctx, stop := context.WithCancelCause(s.stream.Context())
	defer stop(nil)
	s.logger.Info("source task started")
	// Not awaited: it sits in Recv until the handler returns and gRPC ends the stream, then returns at once.
	go func() { stop(s.readRequests()) }()
	taskErr := s.sendBatches(ctx, stop)
	sent, acked := s.ledger.counts()
	if taskErr != nil {
		s.logger.Warn("source task failed; reporting to the worker", "err", taskErr, "batches_sent", sent)
		return s.report(taskErr)
	}
	cause := context.Cause(ctx)
	var protocolErr *mesherr.ProtocolError
	switch {
	case errors.As(cause, &protocolErr):
		s.logger.Warn("the worker broke the Read stream's rules; ending the stream", "err", cause)
		return cause
	case errors.Is(cause, errWorkerEnded):
		s.logger.Info("source task stopped", "batches_sent", sent, "batches_acked", acked)
		return nil
	default:
		s.logger.Info("source task stopped: the stream was cancelled", "cause", cause,
			"batches_sent", sent, "batches_acked", acked)
		return cause
	}
}

// readRequests applies credits and acks until the worker ends the stream or breaks a rule; what it returns
// is why the task stops.
func (s *session) readRequests() error {
	for {
		request, err := s.stream.Recv()
		if errors.Is(err, io.EOF) {
			return errWorkerEnded
		}
		if err != nil {
			return err
		}
		switch message := request.GetMessage().(type) {
		case *connectmeshv1.ReadRequest_Credit:
			if err := s.credits.grant(message.Credit.GetBatches()); err != nil {
				return err
			}
		case *connectmeshv1.ReadRequest_Ack:
			if err := s.ledger.acknowledge(message.Ack.GetThroughSequence()); err != nil {
				return err
			}
		default:
			return &mesherr.ProtocolError{Rule: "after open, a ReadRequest must be credit or ack, not " + describe(request)}
		}
	}
}

// sendBatches asks the task for a batch only once there is credit to send it, until ctx ends. It returns
// the task's error if the task fails; a stream that breaks stops the session through stop.
func (s *session) sendBatches(ctx context.Context, stop context.CancelCauseFunc) error {
	for {
		if err := s.credits.waitForCredit(ctx); err != nil {
			return nil
		}
		records, err := s.task.NextBatch(ctx)
		if ctx.Err() != nil {
			// Stopping: whatever the task returned while ctx ended is not a failure.
			return nil
		}
		if err != nil {
			s.tracing.RecordReadFailure(err)
			return err
		}
		if len(records) == 0 {
			return errEmptyBatch
		}
		if err := s.credits.take(); err != nil {
			return err
		}
		// Before the send: the spans put each record's trace context on it.
		spans := s.tracing.StartBatch(records)
		batch := &connectmeshv1.SourceBatch{Sequence: s.ledger.recordSent()}
		// Flat records go packed: a fraction of the per-record form to encode here and decode in the worker.
		if packed := packRecords(records); packed != nil {
			batch.Packed = packed
		} else {
			batch.Records = records
		}
		err = s.stream.Send(&connectmeshv1.ReadResponse{Message: &connectmeshv1.ReadResponse_Batch{Batch: batch}})
		spans.End()
		if err != nil {
			stop(err)
			return nil
		}
	}
}

// report tells the worker the task failed, as the contract asks (ReadResponse{error}); the stream then ends
// with OK, since the error is in it. Only a stream that cannot carry it ends with that stream's error.
func (s *session) report(failure error) error {
	response := &connectmeshv1.ReadResponse{Message: &connectmeshv1.ReadResponse_Error{Error: mesherr.ToConnectorError(failure)}}
	return s.stream.Send(response)
}

// describe names a request's kind for a protocol error message.
func describe(request *connectmeshv1.ReadRequest) string {
	switch request.GetMessage().(type) {
	case *connectmeshv1.ReadRequest_Open:
		return "open (open may come only once, as the first request)"
	case *connectmeshv1.ReadRequest_Credit:
		return "credit"
	case *connectmeshv1.ReadRequest_Ack:
		return "ack"
	default:
		return "an empty message"
	}
}
