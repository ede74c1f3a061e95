import { waitFor } from "@connect-mesh/async";
import { MeshError } from "@connect-mesh/errors";
import { status as grpcStatus, Metadata } from "@grpc/grpc-js";
import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runSinkStream } from "./sink-task.js";
import { runSourceStream } from "./source-task.js";
import { type TaskContext, TaskFencedError } from "./task-context.js";
import { TaskRunner } from "./task-runner.js";

// The streams are the integration tests' to run against the real stack; here they only succeed or fail.
vi.mock("./sink-task.js", () => ({ runSinkStream: vi.fn() }));
vi.mock("./source-task.js", () => ({ runSourceStream: vi.fn() }));
const sinkStream = vi.mocked(runSinkStream);
const sourceStream = vi.mocked(runSourceStream);

/** A task context with the restart backoff of `backoffMs`, recording the statuses it reports and the producer's life. */
function contextWith(backoffMs: { initial: number; max: number }) {
  const reports: [string, string | undefined][] = [];
  const logged: string[] = [];
  const producerEvents: string[] = [];
  const context = {
    connector: "orders-sink",
    task: 0,
    config: {
      "task.restart.backoff.initial.ms": String(backoffMs.initial),
      "task.restart.backoff.max.ms": String(backoffMs.max),
    },
    status: {
      report: async (state: string, trace?: string) => {
        reports.push([state, trace]);
      },
    },
    logger: pino({ level: "info" }, { write: (line: string) => void logged.push(JSON.parse(line).msg) }),
    kafka: {
      producer: () => ({
        connect: async () => void producerEvents.push("connect"),
        disconnect: async () => void producerEvents.push("disconnect"),
      }),
    },
  } as unknown as TaskContext;
  return { context, reports, producerEvents, logged };
}

const deadline = { timeoutMs: 5_000 };

/** Runs a sink task whose stream always fails with `error` until it has reported a status; returns that status. */
async function firstReportAfter(error: unknown, backoffMs = { initial: 1, max: 2 }) {
  sinkStream.mockRejectedValue(error);
  const { context, reports } = contextWith(backoffMs);
  const runner = new TaskRunner(context, "sink");
  await waitFor(
    () => reports.length,
    (n) => n === 1,
    { ...deadline, description: "a status report" },
  );
  await runner.stop();
  return reports[0] ?? ["", undefined];
}

afterEach(() => {
  vi.resetAllMocks();
});

describe("TaskRunner", () => {
  it("runs a stream that failed with a retriable error again, saying RESTARTING with the attempt and why", async () => {
    sinkStream
      .mockRejectedValueOnce(new MeshError("the connector service went away", { retriable: true }))
      .mockResolvedValueOnce(undefined);
    const { context, reports } = contextWith({ initial: 1, max: 2 });
    const runner = new TaskRunner(context, "sink");
    await waitFor(
      () => sinkStream.mock.calls.length,
      (calls) => calls === 2,
      { ...deadline, description: "the stream to run a second time" },
    );
    await runner.stop();
    expect(reports).toHaveLength(1);
    const [[state, trace]] = reports as [[string, string]];
    expect(state).toBe("RESTARTING");
    expect(trace).toMatch(/^restart attempt 1 in \d+ ms, after: MeshError: the connector service went away/);
  });

  it("leaves the task FAILED, and does not run it again, after an error that says retrying cannot help", async () => {
    const [state, trace] = await firstReportAfter(
      new MeshError("the record cannot be converted", { retriable: false }),
    );
    expect(state).toBe("FAILED");
    expect(trace).toContain("the record cannot be converted");
    expect(sinkStream).toHaveBeenCalledTimes(1);
  });

  it("leaves the task FAILED when the service ends the stream with a status that says it never will accept it", async () => {
    const refused = Object.assign(new Error("3 INVALID_ARGUMENT: unknown plugin"), {
      code: grpcStatus.INVALID_ARGUMENT,
      details: "unknown plugin",
      metadata: new Metadata(),
    });
    const [state] = await firstReportAfter(refused);
    expect(state).toBe("FAILED");
  });

  it("reports nothing once the task is fenced off: it runs elsewhere, and its status there is not ours", async () => {
    sinkStream.mockRejectedValue(new TaskFencedError("orders-sink", 0, 3));
    const { context, reports, logged } = contextWith({ initial: 1, max: 2 });
    const runner = new TaskRunner(context, "sink");
    // The runner has settled the failure once it says so; only then is a missing report meaningful.
    await waitFor(
      () => logged,
      (messages) => messages.includes("task fenced off; waiting to be stopped"),
      { ...deadline, description: "the runner to take the fence" },
    );
    await runner.stop();
    expect(reports).toEqual([]);
    expect(sinkStream).toHaveBeenCalledTimes(1);
  });

  it("stops during the wait before a restart without running the stream again", async () => {
    const [state] = await firstReportAfter(new MeshError("Kafka is unreachable", { retriable: true }), {
      initial: 600_000,
      max: 600_000,
    });
    expect(state).toBe("RESTARTING");
    expect(sinkStream).toHaveBeenCalledTimes(1);
  });

  it("gives a source stream a producer of its own, disconnected when the stream ends", async () => {
    sourceStream.mockResolvedValueOnce(undefined);
    const { context, producerEvents } = contextWith({ initial: 1, max: 2 });
    const runner = new TaskRunner(context, "source");
    await waitFor(
      () => producerEvents.length,
      (n) => n === 2,
      { ...deadline, description: "the producer's life" },
    );
    await runner.stop();
    expect(producerEvents).toEqual(["connect", "disconnect"]);
    expect(sourceStream).toHaveBeenCalledTimes(1);
  });
});
