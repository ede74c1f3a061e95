package datagen

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"connect-mesh.dev/connectors/datagen/internal/configdef"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

// TaskConfig is one task's parsed config: the connector's, plus which task it is.
type TaskConfig struct {
	Config
	// Index picks the task's id range and random stream, from 0.
	Index int32
}

// parseTaskConfig parses the config a Read stream opens with. The index is the task.index that Plan wrote;
// without one (a config made by hand) it is the task id the worker gives, which the worker numbers the same
// way. Every problem is listed in one *configdef.ConfigError.
func parseTaskConfig(open *connectmeshv1.ReadOpen) (TaskConfig, error) {
	subject := fmt.Sprintf("the DatagenSource config of connector %q task %d", open.GetConnectorName(), open.GetTaskId())
	config, err := ParseConfig(subject, open.GetConfig())
	var problems []configdef.Problem
	var configErr *configdef.ConfigError
	if errors.As(err, &configErr) {
		problems = append(problems, configErr.Problems...)
	} else if err != nil {
		return TaskConfig{}, err
	}
	index, problem := taskIndexOf(open)
	if problem != "" {
		problems = append(problems, configdef.Problem{Key: ConfigTaskIndex, Message: problem})
	}
	if len(problems) > 0 {
		return TaskConfig{}, &configdef.ConfigError{Subject: subject, Problems: problems}
	}
	return TaskConfig{Config: config, Index: index}, nil
}

func taskIndexOf(open *connectmeshv1.ReadOpen) (int32, string) {
	text, isGiven := open.GetConfig()[ConfigTaskIndex]
	if !isGiven {
		index := open.GetTaskId()
		if index < 0 || index >= MaxTasks {
			return 0, fmt.Sprintf("no %s in the task config, and the task id %d is not from 0 to %d; "+
				"use the task configs that Plan returned", ConfigTaskIndex, index, MaxTasks-1)
		}
		return index, ""
	}
	index, err := strconv.ParseInt(strings.TrimSpace(text), 10, 32)
	if err != nil || index < 0 || index >= MaxTasks {
		return 0, fmt.Sprintf("Invalid value %s for configuration %s: Value must be a whole number from 0 to %d; "+
			"use the task configs that Plan returned", text, ConfigTaskIndex, MaxTasks-1)
	}
	return int32(index), ""
}
