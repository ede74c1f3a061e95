import { ConfigError, type ConfigProblem } from "@connect-mesh/connector-sdk";
import type { SearchSinkConfig } from "./sink-config.js";

/** The rules between the sink's keys, as Validate reports them. */
export function configProblems(config: SearchSinkConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (config.connectionUrl.length === 0) {
    problems.push({ key: "connection.url", message: "name at least one URL, such as http://localhost:9200" });
  }
  if (config.behaviorOnNullValues.toLowerCase() === "delete" && config.keyIgnore) {
    problems.push({
      key: "behavior.on.null.values",
      message:
        "delete removes the document whose id is the record key, but key.ignore=true makes every id " +
        "topic+partition+offset; set key.ignore=false, or behavior.on.null.values=ignore",
    });
  }
  if (config.connectionPassword !== undefined && config.connectionUsername === undefined) {
    problems.push({
      key: "connection.username",
      message: "connection.password is set, so name its user too",
    });
  }
  return problems;
}

/** Throws a ConfigError listing every problem, if there are any (Plan and a task's start). */
export function assertValid(config: SearchSinkConfig): void {
  const problems = configProblems(config);
  if (problems.length > 0) throw new ConfigError("the search sink config", problems);
}
