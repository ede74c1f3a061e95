import { FatalError, RetriableError, silentLogger } from "@connect-mesh/connector-sdk";
import { type Record as ConnectRecord, Schema, SchemaType } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import type { Database } from "../connection/database.js";
import { POSTGRES_DIALECT } from "../connection/dialect.js";
import type { TableColumn } from "../schema/result-column.js";
import { JdbcSinkTask } from "./jdbc-sink-task.js";
import { jdbcSinkConfig } from "./sink-config.js";

const VALUE_SCHEMA = Schema.fromPartial({
  type: SchemaType.SCHEMA_TYPE_STRUCT,
  fields: [
    { name: "id", index: 0, schema: { type: SchemaType.SCHEMA_TYPE_INT32 } },
    { name: "name", index: 1, schema: { type: SchemaType.SCHEMA_TYPE_STRING } },
  ],
});

function record(id: number, options: { withSchema?: boolean } = {}): ConnectRecord {
  return {
    key: undefined,
    keySchema: undefined,
    value: {
      kind: {
        $case: "structValue",
        value: {
          fields: [
            { name: "id", value: { kind: { $case: "intValue", value: BigInt(id) } } },
            { name: "name", value: { kind: { $case: "stringValue", value: `n${id}` } } },
          ],
        },
      },
    },
    valueSchema: options.withSchema === false ? undefined : VALUE_SCHEMA,
    headers: [],
    topic: "orders",
    kafkaPosition: { topic: "orders", partition: 0, offset: BigInt(id) },
    sourcePartition: undefined,
    sourceOffset: undefined,
    trace: undefined,
  };
}

const column = (name: string, dataType: string): TableColumn => ({
  name,
  isNullable: false,
  isAutoIncrement: false,
  isPrimaryKey: false,
  dataType,
});

/**
 * Connections to one PostgreSQL-like database holding the table "orders": each statement's parameters are
 * kept once committed, and `failNext` makes the next statement fail with a driver's error.
 */
class FakeServer {
  readonly committed: unknown[][] = [];
  readonly failures: Error[] = [];
  opened = 0;
  closed = 0;
  describes = 0;

  failNext(message: string, code: string): void {
    this.failures.push(Object.assign(new Error(message), { code }));
  }

  connect = async (): Promise<Database> => {
    this.opened += 1;
    let staged: unknown[][] | undefined;
    return {
      dialect: POSTGRES_DIALECT,
      defaultSchema: "public",
      execute: async (_sql, params = []) => {
        const failure = this.failures.shift();
        if (failure !== undefined) throw failure;
        (staged ?? this.committed).push([...params]);
        return [];
      },
      transaction: async (work) => {
        staged = [];
        try {
          const result = await work();
          this.committed.push(...staged);
          return result;
        } finally {
          staged = undefined;
        }
      },
      describeTable: async () => {
        this.describes += 1;
        return [column("id", "integer"), column("name", "text")];
      },
      stream: () => Promise.reject(new Error("not used")),
      listTables: async () => [],
      nowMicros: async () => 0n,
      close: async () => {
        this.closed += 1;
      },
    };
  };
}

async function openTask(server: FakeServer): Promise<JdbcSinkTask> {
  const config = jdbcSinkConfig.parse({
    "connection.url": "jdbc:postgresql://db/shop",
    "connection.password": "pw",
  });
  return JdbcSinkTask.open(
    config,
    {
      connectorName: "c",
      taskId: 0,
      config: {},
      assigned: [],
      signal: new AbortController().signal,
      logger: silentLogger,
    },
    server.connect,
  );
}

describe("JdbcSinkTask", () => {
  it("writes a batch as one statement, committed before write resolves", async () => {
    const server = new FakeServer();
    const task = await openTask(server);
    await task.write([record(1), record(2)]);
    expect(server.committed).toEqual([[1, "n1", 2, "n2"]]);
    await task.flush();
    await task.close();
    expect(server.closed).toBe(1);
  });

  it("writes the records before one it cannot write, then names that one", async () => {
    const server = new FakeServer();
    const task = await openTask(server);
    const attempt = task.write([record(1), record(2), record(3, { withSchema: false }), record(4)]);
    await expect(attempt).rejects.toBeInstanceOf(FatalError);
    await expect(attempt).rejects.toMatchObject({
      recordIndex: 2,
      message: expect.stringMatching(
        /^cannot write record 2 \(topic "orders" partition 0 offset 3\): .*no schema/,
      ),
    });
    expect(server.committed).toEqual([[1, "n1", 2, "n2"]]);
  });

  it("drops its connection on a retriable error and opens a new one for the next write", async () => {
    const server = new FakeServer();
    const task = await openTask(server);
    server.failNext("Connection terminated unexpectedly", "ECONNRESET");
    await expect(task.write([record(1)])).rejects.toBeInstanceOf(RetriableError);
    expect(server.closed).toBe(1);
    await task.write([record(1)]);
    expect(server.opened).toBe(2);
    expect(server.committed).toEqual([[1, "n1"]]);
  });

  it("reads a table again and retries once when a write says a column is missing", async () => {
    const server = new FakeServer();
    const task = await openTask(server);
    await task.write([record(1)]);
    server.failNext('column "name" of relation "orders" does not exist', "42703");
    await task.write([record(2)]);
    expect(server.describes).toBe(2);
    expect(server.committed).toEqual([
      [1, "n1"],
      [2, "n2"],
    ]);
  });
});
