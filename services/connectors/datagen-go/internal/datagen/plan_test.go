package datagen

import (
	"errors"
	"strconv"
	"testing"

	"connect-mesh.dev/connectors/datagen/internal/configdef"
)

func TestPlanGivesEachOfMaxTasksTheConfigAndItsIndex(t *testing.T) {
	config := map[string]string{"topic": "orders", "count": "10", "tasks.max": "3"}
	tasks, err := (Plugin{}).Plan("demo", config, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(tasks) != 3 {
		t.Fatalf("planned %d tasks, want 3", len(tasks))
	}
	for index, task := range tasks {
		if task[ConfigTaskIndex] != strconv.Itoa(index) || task["topic"] != "orders" || task["count"] != "10" {
			t.Errorf("task %d config = %v", index, task)
		}
	}
	if _, isChanged := config[ConfigTaskIndex]; isChanged {
		t.Error("Plan wrote into the connector config it was given")
	}
}

func TestPlanStopsAtMaxTasks(t *testing.T) {
	tasks, err := (Plugin{}).Plan("demo", map[string]string{"topic": "t"}, 1_000_000)
	if err != nil {
		t.Fatal(err)
	}
	if len(tasks) != MaxTasks {
		t.Errorf("planned %d tasks, want the cap %d", len(tasks), MaxTasks)
	}
}

func TestPlanRefusesABadConfigWithEveryProblem(t *testing.T) {
	_, err := (Plugin{}).Plan("demo", map[string]string{"batch.size": "0"}, 2)
	var configErr *configdef.ConfigError
	if !errors.As(err, &configErr) || len(configErr.Problems) != 2 {
		t.Fatalf("error = %v, want a ConfigError for topic and batch.size", err)
	}
}
