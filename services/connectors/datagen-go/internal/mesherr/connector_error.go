package mesherr

import (
	"errors"
	"fmt"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

// ToConnectorError describes err in the contract's terms: RETRIABLE or FATAL from IsRetriable, the full
// message, and as error_class the Go type of the innermost error (the one that actually went wrong, not a
// wrapper), for Kafka Connect's __connect.errors.exception.class.name header.
func ToConnectorError(err error) *connectmeshv1.ConnectorError {
	kind := connectmeshv1.ErrorKind_ERROR_KIND_FATAL
	if IsRetriable(err) {
		kind = connectmeshv1.ErrorKind_ERROR_KIND_RETRIABLE
	}
	message := err.Error()
	if message == "" {
		message = "the connector returned an error without a message"
	}
	return &connectmeshv1.ConnectorError{
		Kind:       kind,
		Message:    message,
		ErrorClass: fmt.Sprintf("%T", innermost(err)),
	}
}

// innermost follows the chain of single wraps down to the error that started it.
func innermost(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}
