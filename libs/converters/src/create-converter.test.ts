import { describe, expect, it } from "vitest";
import { ByteArrayConverter } from "./byte-array-converter.js";
import { ConverterConfigError } from "./converter-config-error.js";
import {
  createConverter,
  createHeaderConverter,
  resolveConverterClass,
  resolveHeaderConverterClass,
} from "./create-converter.js";
import { JsonConverter } from "./json-converter.js";
import { SimpleHeaderConverter } from "./simple-header-converter.js";
import { StringConverter } from "./string-converter.js";

describe("createConverter", () => {
  it.each([
    ["org.apache.kafka.connect.json.JsonConverter", JsonConverter],
    ["JsonConverter", JsonConverter],
    ["Json", JsonConverter],
    ["org.apache.kafka.connect.storage.StringConverter", StringConverter],
    ["StringConverter", StringConverter],
    ["String", StringConverter],
    ["org.apache.kafka.connect.converters.ByteArrayConverter", ByteArrayConverter],
    ["ByteArrayConverter", ByteArrayConverter],
    ["ByteArray", ByteArrayConverter],
  ])("creates %s", (className, type) => {
    expect(createConverter(className, {}, { isKey: false })).toBeInstanceOf(type);
  });

  it("passes the converter its config", () => {
    const converter = createConverter("JsonConverter", { "schemas.enable": "false" }, { isKey: true });
    expect(converter).toBeInstanceOf(JsonConverter);
    expect((converter as JsonConverter).settings.schemasEnable).toBe(false);
  });

  it("refuses an unknown class, listing the known converters", () => {
    const create = () => createConverter("io.confluent.connect.avro.AvroConverter", {}, { isKey: false });
    expect(create).toThrow(ConverterConfigError);
    expect(create).toThrow(
      '"io.confluent.connect.avro.AvroConverter" is not a known converter class; use one of: ' +
        "org.apache.kafka.connect.json.JsonConverter (or JsonConverter, Json); " +
        "org.apache.kafka.connect.storage.StringConverter (or StringConverter, String); " +
        "org.apache.kafka.connect.converters.ByteArrayConverter (or ByteArrayConverter, ByteArray)",
    );
  });

  it("refuses SimpleHeaderConverter, which Connect has only as a header converter", () => {
    expect(() => createConverter("SimpleHeaderConverter", {}, { isKey: false })).toThrow(
      '"SimpleHeaderConverter" is not a known converter class',
    );
  });

  it("refuses invalid config for a known class", () => {
    expect(() => createConverter("JsonConverter", { "schemas.enable": "yes" }, { isKey: false })).toThrow(
      'schemas.enable="yes" is not a boolean; use true or false',
    );
  });
});

describe("resolveConverterClass", () => {
  it.each([
    ["Json", "org.apache.kafka.connect.json.JsonConverter"],
    ["org.apache.kafka.connect.storage.StringConverter", "org.apache.kafka.connect.storage.StringConverter"],
    ["jsonconverter", undefined],
    ["AvroConverter", undefined],
  ])("resolves %s to %s", (name, expected) => {
    expect(resolveConverterClass(name)).toBe(expected);
  });
});

describe("createHeaderConverter", () => {
  it.each([
    ["org.apache.kafka.connect.storage.SimpleHeaderConverter", SimpleHeaderConverter],
    ["SimpleHeaderConverter", SimpleHeaderConverter],
    ["Simple", SimpleHeaderConverter],
    ["org.apache.kafka.connect.json.JsonConverter", JsonConverter],
    ["Json", JsonConverter],
    ["org.apache.kafka.connect.storage.StringConverter", StringConverter],
    ["StringConverter", StringConverter],
    ["org.apache.kafka.connect.converters.ByteArrayConverter", ByteArrayConverter],
    ["ByteArray", ByteArrayConverter],
  ])("creates %s", (className, type) => {
    expect(createHeaderConverter(className, {})).toBeInstanceOf(type);
  });

  it("passes the header converter its config", () => {
    const converter = createHeaderConverter("JsonConverter", { "schemas.enable": "false" });
    expect((converter as JsonConverter).settings.schemasEnable).toBe(false);
    expect(
      (createHeaderConverter("StringConverter", { "converter.encoding": "UTF-16BE" }) as StringConverter)
        .encoding,
    ).toBe("UTF-16BE");
  });

  it("refuses an unknown class, listing the known header converters", () => {
    expect(() => createHeaderConverter("org.example.AvroHeaderConverter", {})).toThrow(
      '"org.example.AvroHeaderConverter" is not a known header converter class; use one of: ' +
        "org.apache.kafka.connect.storage.SimpleHeaderConverter (or SimpleHeaderConverter, Simple); " +
        "org.apache.kafka.connect.json.JsonConverter (or JsonConverter, Json); " +
        "org.apache.kafka.connect.storage.StringConverter (or StringConverter, String); " +
        "org.apache.kafka.connect.converters.ByteArrayConverter (or ByteArrayConverter, ByteArray)",
    );
  });

  it("refuses invalid config for a known class", () => {
    expect(() => createHeaderConverter("Json", { "decimal.format": "HEX" })).toThrow(ConverterConfigError);
  });
});

describe("resolveHeaderConverterClass", () => {
  it.each([
    ["Simple", "org.apache.kafka.connect.storage.SimpleHeaderConverter"],
    [" JsonConverter ", "org.apache.kafka.connect.json.JsonConverter"],
    ["simple", undefined],
  ])("resolves %s to %s", (name, expected) => {
    expect(resolveHeaderConverterClass(name)).toBe(expected);
  });
});
