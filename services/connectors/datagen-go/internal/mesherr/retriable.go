package mesherr

import "errors"

// retriable is implemented by errors that know whether retrying the same work may help.
type retriable interface {
	Retriable() bool
}

// IsRetriable reports whether err, or an error it wraps, says that retrying may help. Unknown errors are
// not retriable.
func IsRetriable(err error) bool {
	var r retriable
	return errors.As(err, &r) && r.Retriable()
}
