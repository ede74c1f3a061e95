package server

import (
	"context"
	"errors"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"connect-mesh.dev/connectors/datagen/internal/configdef"
	"connect-mesh.dev/connectors/datagen/internal/mesherr"
)

// connectorErrorTrailer carries the full ConnectorError (kind, class) of a call that ends with a status
// rather than an in-stream error, so the worker can still tell retriable from fatal. The TypeScript SDK
// sends the same key; "-bin" makes gRPC carry the bytes as they are.
const connectorErrorTrailer = "connectmesh-error-bin"

// callStatus is the status a call ends with for err: NOT_FOUND for an unknown plugin, INVALID_ARGUMENT for
// a bad config or a broken contract rule, CANCELLED or DEADLINE_EXCEEDED when the call itself ended, the
// status of an error that already is one, and otherwise UNAVAILABLE if retrying may help, else
// FAILED_PRECONDITION. This is the only place errors become statuses.
func callStatus(err error) *status.Status {
	var (
		unknownPlugin *mesherr.UnknownPluginError
		protocolErr   *mesherr.ProtocolError
		configErr     *configdef.ConfigError
	)
	switch {
	case errors.As(err, &unknownPlugin):
		return status.New(codes.NotFound, err.Error())
	case errors.As(err, &protocolErr), errors.As(err, &configErr):
		return status.New(codes.InvalidArgument, err.Error())
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return status.FromContextError(err)
	}
	if grpcStatus, isStatus := status.FromError(err); isStatus {
		return grpcStatus
	}
	if mesherr.IsRetriable(err) {
		return status.New(codes.Unavailable, err.Error())
	}
	return status.New(codes.FailedPrecondition, err.Error())
}

// errorTrailer is the trailer that goes with callStatus(err).
func errorTrailer(err error) metadata.MD {
	encoded, marshalErr := proto.Marshal(mesherr.ToConnectorError(err))
	if marshalErr != nil {
		// A ConnectorError of strings and an enum always marshals; without it the status still says enough.
		return nil
	}
	return metadata.Pairs(connectorErrorTrailer, string(encoded))
}

// unaryError ends a unary call with err: its trailer set, its status returned.
func unaryError(ctx context.Context, err error) error {
	// SetTrailer fails only outside a gRPC handler, which this never is.
	_ = grpc.SetTrailer(ctx, errorTrailer(err))
	return callStatus(err).Err()
}
