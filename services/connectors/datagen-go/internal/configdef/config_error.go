package configdef

import "strings"

// Problem is one thing wrong with a config: the key it is about and what is wrong, for people.
type Problem struct {
	// Key is the config key, e.g. "batch.size".
	Key string
	// Message says what is wrong, e.g. "Invalid value 0 for configuration batch.size: Value must be at least 1".
	Message string
}

// ConfigError is a config that does not parse or validate. It lists every problem, not just the first, so
// a person can fix them in one go. Never retriable: the config must change.
type ConfigError struct {
	// Subject names the config, e.g. "the DatagenSource config of task 2".
	Subject string
	// Problems holds at least one problem.
	Problems []Problem
}

func (e *ConfigError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, problem := range e.Problems {
		parts[i] = problem.Key + ": " + problem.Message
	}
	return e.Subject + " is invalid: " + strings.Join(parts, "; ") + "; fix the connector config and restart it"
}

// Retriable is false: the same config fails the same way.
func (e *ConfigError) Retriable() bool { return false }
