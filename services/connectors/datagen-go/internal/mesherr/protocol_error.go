package mesherr

// ProtocolError means the caller broke a rule of the contract: the Read stream's (no open first, zero
// credit, an ack for a batch never sent) or a request's (max_tasks below 1). It is a bug in the worker or
// coordinator, so retrying cannot help; the call ends with INVALID_ARGUMENT.
type ProtocolError struct {
	// Rule says which rule was broken and how, e.g. "the first ReadRequest must be open, not credit".
	Rule string
}

func (e *ProtocolError) Error() string {
	return "the caller broke the connector contract (proto/connectmesh/v1): " + e.Rule
}

// Retriable is false: the same requests would break the same rule.
func (e *ProtocolError) Retriable() bool { return false }
