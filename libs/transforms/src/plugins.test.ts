import { ConfigImportance, ConfigType } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import { findTransformPlugin, transformPluginDescriptors } from "./plugins.js";

describe("transformPluginDescriptors", () => {
  it("lists every Connect transform (with $Key and $Value variants) and predicate", () => {
    const names = transformPluginDescriptors().map((d) => `${d.type} ${d.aliases.join()}`);
    expect(names).toEqual([
      "transformation Cast$Key",
      "transformation Cast$Value",
      "transformation DropHeaders",
      "transformation ExtractField$Key",
      "transformation ExtractField$Value",
      "transformation Filter",
      "transformation Flatten$Key",
      "transformation Flatten$Value",
      "transformation HeaderFrom$Key",
      "transformation HeaderFrom$Value",
      "transformation HoistField$Key",
      "transformation HoistField$Value",
      "transformation InsertField$Key",
      "transformation InsertField$Value",
      "transformation InsertHeader",
      "transformation MaskField$Key",
      "transformation MaskField$Value",
      "transformation RegexRouter",
      "transformation ReplaceField$Key",
      "transformation ReplaceField$Value",
      "transformation SetSchemaMetadata$Key",
      "transformation SetSchemaMetadata$Value",
      "transformation TimestampConverter$Key",
      "transformation TimestampConverter$Value",
      "transformation TimestampRouter",
      "transformation ValueToKey",
      "predicate HasHeaderKey",
      "predicate RecordIsTombstone",
      "predicate TopicNameMatches",
    ]);
  });

  it("describes a class's keys as the contract's ConfigDefinitions, with Connect's names, defaults and docs", () => {
    const mask = findTransformPlugin("MaskField$Value");
    expect(mask?.className).toBe("org.apache.kafka.connect.transforms.MaskField$Value");
    expect(mask?.version).toBe("0.1.0");
    expect(mask?.configDefinitions).toEqual([
      {
        name: "fields",
        type: ConfigType.CONFIG_TYPE_LIST,
        defaultValue: undefined,
        required: true,
        importance: ConfigImportance.CONFIG_IMPORTANCE_HIGH,
        documentation: "Names of fields to mask.",
        group: "",
        orderInGroup: 1,
        displayName: "fields",
        dependents: [],
        validators: [],
        secret: false,
      },
      expect.objectContaining({ name: "replacement", required: false, defaultValue: undefined }),
      expect.objectContaining({
        name: "replace.null.with.default",
        type: ConfigType.CONFIG_TYPE_BOOLEAN,
        defaultValue: "true",
        required: false,
        importance: ConfigImportance.CONFIG_IMPORTANCE_MEDIUM,
        orderInGroup: 3,
      }),
    ]);
  });

  it("shows a fixed set of values as an allowed-values validator", () => {
    const operation = findTransformPlugin(
      "org.apache.kafka.connect.transforms.HeaderFrom$Key",
    )?.configDefinitions.find((d) => d.name === "operation");
    expect(operation?.validators).toEqual([
      { rule: { $case: "allowed", value: { values: ["move", "copy"], caseInsensitive: false } } },
    ]);
  });

  it("finds predicates by class name and knows nothing of other classes", () => {
    expect(
      findTransformPlugin("org.apache.kafka.connect.transforms.predicates.RecordIsTombstone")?.type,
    ).toBe("predicate");
    expect(findTransformPlugin("org.apache.kafka.connect.json.JsonConverter")).toBeUndefined();
  });
});
