package datagen

import (
	"maps"
	"strconv"
)

// ConfigTaskIndex is the key Plan adds to each task's config: which id range and stream the task generates.
// It is not a user key, so Describe does not list it.
const ConfigTaskIndex = "task.index"

// MaxTasks caps a plan. Any number of tasks could split the work, but a thousand task configs already make
// a large Plan response, no cluster runs more datagen tasks than that, and task indexes below 1000 keep
// every id (at most 999*10^12 + MaxSequence) below 2^53, exact even where JSON numbers are doubles.
const MaxTasks = 1000

// planTasks gives each of min(maxTasks, MaxTasks) tasks the connector's whole config plus its task.index,
// as Connect's source connectors hand every task the connector config. The config is parsed first, so a
// bad one fails the plan with every problem listed.
func planTasks(connectorName string, config map[string]string, maxTasks int) ([]map[string]string, error) {
	subject := "the DatagenSource config of connector " + strconv.Quote(connectorName)
	if _, err := ParseConfig(subject, config); err != nil {
		return nil, err
	}
	count := min(maxTasks, MaxTasks)
	tasks := make([]map[string]string, count)
	for index := range count {
		task := maps.Clone(config)
		if task == nil {
			task = map[string]string{}
		}
		task[ConfigTaskIndex] = strconv.Itoa(index)
		tasks[index] = task
	}
	return tasks, nil
}
