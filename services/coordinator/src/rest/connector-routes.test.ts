import { clusterStores, PluginCatalog } from "@connect-mesh/cluster-state";
import type { Lease, ServiceInstance } from "@connect-mesh/coordination";
import { InMemoryCoordinationStore } from "@connect-mesh/coordination/testing";
import type { ValidateResponse } from "@connect-mesh/proto";
import { pino } from "pino";
import { describe, expect, it, vi } from "vitest";
import type { ConnectorServices } from "../connector-services.js";
import type { PluginCatalogWatcher } from "../plugin-catalog-watcher.js";
import { registerConnectorRoutes } from "./connector-routes.js";
import { createRestApp } from "./rest-app.js";

const SINK_CLASS = "org.apache.kafka.connect.file.FileStreamSinkConnector";
const SOURCE_CLASS = "org.apache.kafka.connect.file.FileStreamSourceConnector";

const aLease: Lease = { id: "1", lost: new AbortController().signal, revoke: async () => undefined };

/** One connector service hosting Connect's file quickstart plugins. */
const fileConnectors: ServiceInstance = {
  serviceType: "connector",
  instanceId: "file-connectors-1",
  address: "file-connectors:50051",
  plugins: [
    { className: SINK_CLASS, aliases: ["FileStreamSink"], kind: "sink", version: "1.0.0" },
    { className: SOURCE_CLASS, aliases: ["FileStreamSource"], kind: "source", version: "1.0.0" },
  ],
  version: "1.0.0",
  registeredAt: "2026-01-01T00:00:00.000Z",
};

const sinkConfig = { "connector.class": "FileStreamSink", topics: "orders", file: "/data/orders.txt" };
const sourceConfig = { "connector.class": "FileStreamSource", topic: "lines", file: "/data/in.txt" };

/**
 * The routes over the real cluster stores on an in-memory etcd, with the file plugins hosted. The plugin's
 * service accepts every config unless a test makes `validate` answer with errors.
 */
function setUp() {
  const state = clusterStores(new InMemoryCoordinationStore(), "test");
  const validate = vi.fn<ConnectorServices["validate"]>(
    async (): Promise<ValidateResponse> => ({ values: [] }),
  );
  const catalog = new PluginCatalog([fileConnectors]);
  const app = createRestApp(pino({ level: "silent" }));
  registerConnectorRoutes(app, {
    state,
    catalog: { current: async () => catalog } as Pick<
      PluginCatalogWatcher,
      "current"
    > as PluginCatalogWatcher,
    services: { validate } as Pick<ConnectorServices, "validate"> as ConnectorServices,
  });
  const create = (name: string, config: Record<string, string | number>) =>
    app.inject({ method: "POST", url: "/connectors", payload: { name, config } });
  return { app, state, validate, create };
}

/** The plugin's answer for a key it refuses. */
const refusing = (name: string, ...errors: string[]): ValidateResponse => ({
  values: [{ name, recommendedValues: [], errors, visible: true }],
});

describe("connector routes", () => {
  describe("POST /connectors", () => {
    it("creates the connector, answering 201 with its Location and Connect's ConnectorInfo", async () => {
      const { create, state, validate } = setUp();

      const response = await create("orders-sink", { ...sinkConfig, "tasks.max": 2 });

      expect(response.statusCode).toBe(201);
      expect(response.headers.location).toBe("/connectors/orders-sink");
      // Connect stores the name in the config, and every value as text.
      const stored = { ...sinkConfig, "tasks.max": "2", name: "orders-sink" };
      expect(response.json()).toEqual({ name: "orders-sink", config: stored, tasks: [], type: "sink" });
      expect(validate).toHaveBeenCalledWith(SINK_CLASS, ["file-connectors:50051"], stored);
      const connector = await state.connectors.getConnector("orders-sink");
      expect(connector?.config).toEqual(stored);
      expect(connector?.targetState).toBe("RUNNING");
    });

    it("creates it in the initial_state the body asks for", async () => {
      const { app, state } = setUp();
      const response = await app.inject({
        method: "POST",
        url: "/connectors",
        payload: { name: "orders-sink", config: sinkConfig, initial_state: "PAUSED" },
      });
      expect(response.statusCode).toBe(201);
      expect((await state.connectors.getConnector("orders-sink"))?.targetState).toBe("PAUSED");
    });

    it("answers 409 for a name that is taken, leaving the first connector's config as it was", async () => {
      const { create, state } = setUp();
      await create("orders-sink", sinkConfig);

      const response = await create("orders-sink", { ...sinkConfig, file: "/data/other.txt" });

      expect(response.statusCode).toBe(409);
      expect(response.json()).toEqual({ error_code: 409, message: "Connector orders-sink already exists" });
      expect((await state.connectors.getConnector("orders-sink"))?.config.file).toBe("/data/orders.txt");
    });

    it("answers 400 with Connect's message listing every error, from the runtime and the plugin, and stores nothing", async () => {
      const { create, state, validate } = setUp();
      validate.mockResolvedValueOnce(refusing("file", 'Missing required configuration "file"'));

      const response = await create("orders-sink", { ...sinkConfig, "tasks.max": "zero" });

      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({
        error_code: 400,
        message:
          "Connector configuration is invalid and contains the following 2 error(s):\n" +
          "Invalid value zero for configuration tasks.max: must be a whole number of at least 1\n" +
          'Missing required configuration "file"\n' +
          "You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`",
      });
      expect(await state.connectors.getConnector("orders-sink")).toBeUndefined();
    });

    it("answers 400 naming the plugins there are for a connector.class no service hosts", async () => {
      const { create, validate } = setUp();
      const response = await create("orders-sink", { ...sinkConfig, "connector.class": "JdbcSink" });
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toBe(
        "Failed to find any class that implements Connector and which name matches JdbcSink; available connectors are: " +
          `${SINK_CLASS}, FileStreamSink, ${SOURCE_CLASS}, FileStreamSource`,
      );
      expect(validate).not.toHaveBeenCalled();
    });

    it("answers 400 when the config's name differs from the connector's", async () => {
      const { create } = setUp();
      const response = await create("orders-sink", { ...sinkConfig, name: "other" });
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toBe(
        "Connector name configuration (other) doesn't match connector name in the URL (orders-sink)",
      );
    });
  });

  describe("GET /connectors", () => {
    it("lists the names, sorted", async () => {
      const { app, create } = setUp();
      await create("orders-sink", sinkConfig);
      await create("lines-source", sourceConfig);
      const response = await app.inject({ method: "GET", url: "/connectors" });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual(["lines-source", "orders-sink"]);
    });

    it("answers an empty list when there are no connectors", async () => {
      const { app } = setUp();
      expect((await app.inject({ method: "GET", url: "/connectors" })).json()).toEqual([]);
    });

    it("expands each connector's status and info as asked, an unreported task UNASSIGNED", async () => {
      const { app, create, state } = setUp();
      await create("orders-sink", sinkConfig);
      await create("lines-source", sourceConfig);
      const sink = await state.connectors.getConnector("orders-sink");
      await state.connectors.writeTaskConfigs("orders-sink", {
        configRevision: sink?.configRevision ?? 0,
        tasks: [{ file: "/data/orders-0.txt" }, { file: "/data/orders-1.txt" }],
      });
      const updatedAt = "2026-01-01T00:00:00.000Z";
      await state.statuses.writeConnectorStatus("orders-sink", {
        state: "RUNNING",
        workerId: "coordinator-1",
        updatedAt,
      });
      await state.statuses.writeTaskStatus(
        "orders-sink",
        0,
        { state: "FAILED", workerId: "worker-1", trace: "disk full", updatedAt },
        aLease,
      );

      const response = await app.inject({ method: "GET", url: "/connectors?expand=status&expand=info" });

      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        "lines-source": {
          status: {
            name: "lines-source",
            connector: { state: "UNASSIGNED", worker_id: "" },
            tasks: [],
            type: "source",
          },
          info: {
            name: "lines-source",
            config: { ...sourceConfig, name: "lines-source" },
            tasks: [],
            type: "source",
          },
        },
        "orders-sink": {
          status: {
            name: "orders-sink",
            connector: { state: "RUNNING", worker_id: "coordinator-1" },
            tasks: [
              { id: 0, state: "FAILED", worker_id: "worker-1", trace: "disk full" },
              { id: 1, state: "UNASSIGNED", worker_id: "" },
            ],
            type: "sink",
          },
          info: {
            name: "orders-sink",
            config: { ...sinkConfig, name: "orders-sink" },
            tasks: [
              { connector: "orders-sink", task: 0 },
              { connector: "orders-sink", task: 1 },
            ],
            type: "sink",
          },
        },
      });
    });

    it("expands only what was asked for", async () => {
      const { app, create } = setUp();
      await create("orders-sink", sinkConfig);
      const response = await app.inject({ method: "GET", url: "/connectors?expand=info" });
      expect(Object.keys(response.json()["orders-sink"])).toEqual(["info"]);
    });

    it("answers 400 for an ?expand Connect does not know", async () => {
      const { app } = setUp();
      const response = await app.inject({ method: "GET", url: "/connectors?expand=tasks" });
      expect(response.statusCode).toBe(400);
      expect(response.json().error_code).toBe(400);
    });
  });

  describe("GET /connectors/{name} and /config", () => {
    it("answers the ConnectorInfo, and the config alone", async () => {
      const { app, create } = setUp();
      await create("lines-source", sourceConfig);
      const stored = { ...sourceConfig, name: "lines-source" };

      const info = await app.inject({ method: "GET", url: "/connectors/lines-source" });
      expect(info.statusCode).toBe(200);
      expect(info.json()).toEqual({ name: "lines-source", config: stored, tasks: [], type: "source" });

      const config = await app.inject({ method: "GET", url: "/connectors/lines-source/config" });
      expect(config.statusCode).toBe(200);
      expect(config.json()).toEqual(stored);
    });

    it.each(["/connectors/missing", "/connectors/missing/config"])(
      "answers Connect's 404 at %s for a connector that does not exist",
      async (url) => {
        const { app } = setUp();
        const response = await app.inject({ method: "GET", url });
        expect(response.statusCode).toBe(404);
        expect(response.json()).toEqual({ error_code: 404, message: "Connector missing not found" });
      },
    );

    it("says the type is unknown once no service hosts the connector's plugin", async () => {
      const { app, state } = setUp();
      // Stored while a service hosted it, say; the routes only ever store validated configs.
      await state.connectors.createConnector(
        "jdbc-sink",
        { "connector.class": "JdbcSink", name: "jdbc-sink" },
        "RUNNING",
      );
      const response = await app.inject({ method: "GET", url: "/connectors/jdbc-sink" });
      expect(response.json().type).toBe("unknown");
    });
  });

  describe("PUT /connectors/{name}/config", () => {
    it("creates a connector that does not exist with 201, and replaces its config with 200", async () => {
      const { app, state } = setUp();

      const created = await app.inject({
        method: "PUT",
        url: "/connectors/orders-sink/config",
        payload: sinkConfig,
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toEqual({
        name: "orders-sink",
        config: { ...sinkConfig, name: "orders-sink" },
        tasks: [],
        type: "sink",
      });

      const replaced = await app.inject({
        method: "PUT",
        url: "/connectors/orders-sink/config",
        payload: { ...sinkConfig, file: "/data/orders-v2.txt" },
      });
      expect(replaced.statusCode).toBe(200);
      expect(replaced.json().config.file).toBe("/data/orders-v2.txt");
      expect((await state.connectors.getConnector("orders-sink"))?.config.file).toBe("/data/orders-v2.txt");
    });

    it("keeps the stored config when the new one is invalid", async () => {
      const { app, create, state, validate } = setUp();
      await create("orders-sink", sinkConfig);
      validate.mockResolvedValueOnce(refusing("file", "File must be an absolute path"));

      const response = await app.inject({
        method: "PUT",
        url: "/connectors/orders-sink/config",
        payload: { ...sinkConfig, file: "orders.txt" },
      });

      expect(response.statusCode).toBe(400);
      expect(response.json().message).toContain(
        "contains the following 1 error(s):\nFile must be an absolute path\n",
      );
      expect((await state.connectors.getConnector("orders-sink"))?.config.file).toBe("/data/orders.txt");
    });
  });

  describe("DELETE /connectors/{name}", () => {
    it("deletes with 204 and an empty body, then answers 404", async () => {
      const { app, create, state } = setUp();
      await create("orders-sink", sinkConfig);

      const deleted = await app.inject({ method: "DELETE", url: "/connectors/orders-sink" });
      expect(deleted.statusCode).toBe(204);
      expect(deleted.body).toBe("");
      expect(await state.connectors.getConnector("orders-sink")).toBeUndefined();

      const again = await app.inject({ method: "DELETE", url: "/connectors/orders-sink" });
      expect(again.statusCode).toBe(404);
      expect(again.json()).toEqual({ error_code: 404, message: "Connector orders-sink not found" });
    });
  });

  describe("a name that needs URL encoding", () => {
    const name = "orders sink/eu #1";
    const path = `/connectors/${encodeURIComponent(name)}`;

    it("is encoded in the Location, and found, read and deleted by its encoded path", async () => {
      const { app, create } = setUp();

      const created = await create(name, sinkConfig);
      expect(created.statusCode).toBe(201);
      expect(created.headers.location).toBe(path);

      const info = await app.inject({ method: "GET", url: path });
      expect(info.statusCode).toBe(200);
      expect(info.json().name).toBe(name);
      const config = await app.inject({ method: "GET", url: `${path}/config` });
      expect(config.json().name).toBe(name);
      expect((await app.inject({ method: "GET", url: "/connectors" })).json()).toEqual([name]);

      expect((await app.inject({ method: "DELETE", url: path })).statusCode).toBe(204);
      expect((await app.inject({ method: "GET", url: path })).statusCode).toBe(404);
    });

    it("is taken from the path by PUT /config, so a config naming it matches", async () => {
      const { app } = setUp();
      const response = await app.inject({
        method: "PUT",
        url: `${path}/config`,
        payload: { ...sinkConfig, name },
      });
      expect(response.statusCode).toBe(201);
      expect(response.json().config.name).toBe(name);
    });
  });
});
