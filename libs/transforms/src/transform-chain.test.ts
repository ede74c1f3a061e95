import { DataError } from "@connect-mesh/data";
import { describe, expect, it } from "vitest";
import { record, s, v } from "../test/records.js";
import { TransformChain, validateTransformConfig } from "./transform-chain.js";
import { TransformConfigError } from "./transform-config-error.js";
import { TransformError } from "./transform-error.js";

/** A RegexRouter that sends to "audit" only the records with an `audit` header (a HasHeaderKey predicate). */
const AUDIT_ROUTE = {
  transforms: "route",
  "transforms.route.type": "RegexRouter",
  "transforms.route.regex": ".*",
  "transforms.route.replacement": "audit",
  "transforms.route.predicate": "isAudit",
  predicates: "isAudit",
  "predicates.isAudit.type": "HasHeaderKey",
  "predicates.isAudit.name": "audit",
};

describe("TransformChain.fromConfig", () => {
  it("applies the transforms in the order of `transforms`, by class name or alias", () => {
    const chain = TransformChain.fromConfig({
      transforms: "hoist, insert ,route",
      "transforms.hoist.type": "org.apache.kafka.connect.transforms.HoistField$Value",
      "transforms.hoist.field": "line",
      "transforms.insert.type": "InsertField$Value",
      "transforms.insert.topic.field": "topic",
      "transforms.route.type": "RegexRouter",
      "transforms.route.regex": "(.*)",
      "transforms.route.replacement": "$1-out",
    });
    expect(chain.stages.map((stage) => stage.className)).toEqual([
      "org.apache.kafka.connect.transforms.HoistField$Value",
      "org.apache.kafka.connect.transforms.InsertField$Value",
      "org.apache.kafka.connect.transforms.RegexRouter",
    ]);
    // The topic is inserted before it is renamed.
    expect(chain.apply(record({ topic: "in", value: v.str("hello") }))).toEqual(
      record({ topic: "in-out", value: v.map({ line: v.str("hello"), topic: v.str("in") }) }),
    );
  });

  it("stops at a transform that drops the record", () => {
    const chain = TransformChain.fromConfig({
      transforms: "drop,fail",
      "transforms.drop.type": "Filter",
      "transforms.fail.type": "ValueToKey",
      "transforms.fail.fields": "id",
    });
    expect(chain.apply(record())).toBeNull();
  });

  it("is empty without `transforms`, and passes records through", () => {
    const chain = TransformChain.fromConfig({ "connector.class": "FileStreamSource" });
    const r = record({ value: v.str("x") });
    expect(chain.isEmpty).toBe(true);
    expect(chain.apply(r)).toBe(r);
  });

  it("applies a predicated transform only where the predicate holds, or fails with negate", () => {
    const audited = record({ topic: "t", headers: [{ key: "audit", value: undefined, schema: undefined }] });
    const plain = record({ topic: "t" });
    const chain = TransformChain.fromConfig(AUDIT_ROUTE);
    expect([chain.apply(audited)?.topic, chain.apply(plain)?.topic]).toEqual(["audit", "t"]);
    const negated = TransformChain.fromConfig({ ...AUDIT_ROUTE, "transforms.route.negate": "true" });
    expect([negated.apply(audited)?.topic, negated.apply(plain)?.topic]).toEqual(["t", "audit"]);
    expect(negated.stages).toEqual([
      {
        alias: "route",
        className: "org.apache.kafka.connect.transforms.RegexRouter",
        predicateAlias: "isAudit",
        negate: true,
      },
    ]);
  });

  it("cuts into one-stage chains that, applied in turn, do what the whole chain does, predicates kept", () => {
    const chain = TransformChain.fromConfig({
      ...AUDIT_ROUTE,
      transforms: "hoist,route",
      "transforms.hoist.type": "HoistField$Value",
      "transforms.hoist.field": "line",
    });
    const parts = chain.oneChainPerStage();
    expect(parts.map(({ stage }) => stage)).toEqual(chain.stages);
    expect(parts.map(({ chain: part }) => part.stages)).toEqual(chain.stages.map((stage) => [stage]));
    const applyParts = (r: ReturnType<typeof record>) =>
      parts.reduce<ReturnType<typeof record> | null>(
        (current, { chain: part }) => current && part.apply(current),
        r,
      );
    const audited = record({
      topic: "t",
      value: v.str("x"),
      headers: [{ key: "audit", value: undefined, schema: undefined }],
    });
    const plain = record({ topic: "t", value: v.str("y") });
    expect(applyParts(audited)).toEqual(
      record({ ...audited, topic: "audit", value: v.map({ line: v.str("x") }) }),
    );
    expect(applyParts(plain)).toEqual(record({ topic: "t", value: v.map({ line: v.str("y") }) }));
  });

  it("throws a TransformConfigError naming the alias and full key, with every issue", () => {
    let error: unknown;
    try {
      TransformChain.fromConfig({
        transforms: "mask,cast",
        "transforms.mask.type": "MaskField$Value",
        "transforms.cast.type": "Cast$Value",
        "transforms.cast.spec": "a:blob",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TransformConfigError);
    const configError = error as TransformConfigError;
    expect([configError.alias, configError.key]).toEqual(["mask", "transforms.mask.fields"]);
    expect(configError.issues.map((i) => i.key)).toEqual(["transforms.mask.fields", "transforms.cast.spec"]);
    expect(configError.message).toMatch(
      /^Missing required configuration "transforms.mask.fields" which has no default value\. \(and 1 more: /,
    );
  });

  it("wraps a transform's failure in a TransformError with the alias, class and cause", () => {
    const chain = TransformChain.fromConfig({
      transforms: "key",
      "transforms.key.type": "ValueToKey",
      "transforms.key.fields": "id",
    });
    let error: unknown;
    try {
      chain.apply(
        record({ valueSchema: s.struct([["other", s.int32()]]), value: v.struct({ other: v.int(1) }) }),
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TransformError);
    const transformError = error as TransformError;
    expect([transformError.alias, transformError.className, transformError.stage]).toEqual([
      "key",
      "org.apache.kafka.connect.transforms.ValueToKey",
      "TRANSFORMATION",
    ]);
    expect(transformError.cause).toEqual(new DataError("Field does not exist: id"));
    expect(transformError.message).toBe(
      'transform "key" (org.apache.kafka.connect.transforms.ValueToKey) failed on a record: Field does not exist: id',
    );
  });
});

describe("validateTransformConfig", () => {
  it("returns nothing for a valid config", () => {
    expect(
      validateTransformConfig({
        transforms: "a",
        "transforms.a.type": "Filter",
        "transforms.a.predicate": "p",
        predicates: "p",
        "predicates.p.type": "RecordIsTombstone",
      }),
    ).toEqual([]);
  });

  it("reports each problem with the alias lists, types, predicates and negate under its key", () => {
    expect(
      validateTransformConfig({
        transforms: "a,a,b,c,d,e",
        "transforms.a.type": "Filter",
        "transforms.b.type": "com.example.Nope",
        "transforms.d.type": "Filter",
        "transforms.d.predicate": "undeclared",
        "transforms.e.type": "Filter",
        "transforms.e.negate": "maybe",
        predicates: "p",
        "predicates.p.type": "Filter",
      }),
    ).toEqual([
      {
        key: "transforms",
        message: "Invalid value [a, a, b, c, d, e] for configuration transforms: Duplicate alias provided.",
      },
      {
        key: "predicates.p.type",
        message:
          "Invalid value Filter for configuration predicates.p.type: Class Filter could not be found, or is not a predicate.",
      },
      {
        key: "transforms.b.type",
        message:
          "Invalid value com.example.Nope for configuration transforms.b.type: Class com.example.Nope could not be found, or is not a transformation.",
      },
      {
        key: "transforms.c.type",
        message: 'Missing required configuration "transforms.c.type" which has no default value.',
      },
      {
        key: "transforms.d.predicate",
        message:
          'Invalid value undeclared for configuration transforms.d.predicate: predicate "undeclared" is not declared in "predicates"',
      },
      {
        key: "transforms.e.negate",
        message:
          "Config 'transforms.e.negate' was provided but there is no config 'transforms.e.predicate' defining a predicate to be negated.",
      },
      {
        key: "transforms.e.negate",
        message:
          "Invalid value maybe for configuration transforms.e.negate: Expected value to be either true or false",
      },
    ]);
  });
});
