package mesherr

import (
	"errors"
	"fmt"
	"testing"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

type busyError struct{}

func (busyError) Error() string   { return "busy" }
func (busyError) Retriable() bool { return true }

func TestToConnectorErrorKeepsTheKindAndNamesTheInnermostError(t *testing.T) {
	wrapped := fmt.Errorf("reading: %w", busyError{})
	reported := ToConnectorError(wrapped)
	if reported.GetKind() != connectmeshv1.ErrorKind_ERROR_KIND_RETRIABLE || reported.GetMessage() != "reading: busy" ||
		reported.GetErrorClass() != "mesherr.busyError" {
		t.Errorf("reported %v", reported)
	}
}

func TestAnErrorThatDoesNotSayIsFatal(t *testing.T) {
	if reported := ToConnectorError(errors.New("boom")); reported.GetKind() != connectmeshv1.ErrorKind_ERROR_KIND_FATAL {
		t.Errorf("reported %v, want FATAL", reported)
	}
	if IsRetriable(&ProtocolError{Rule: "x"}) || IsRetriable(&UnknownPluginError{Plugin: "x"}) {
		t.Error("contract errors must not be retriable")
	}
}
