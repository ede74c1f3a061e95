import { resolveConverterClass, resolveHeaderConverterClass } from "@connect-mesh/converters";
import { MeshError } from "@connect-mesh/errors";
import type { ErrorStage } from "./record-failure.js";

/**
 * A converter failed on a record: which of the three (Connect's stages KEY_CONVERTER, VALUE_CONVERTER,
 * HEADER_CONVERTER) and its class, with the converter's own error as the cause. Never retriable: the same
 * bytes fail the same way again.
 */
export class ConversionError extends MeshError {
  /** The converter's Connect class name, e.g. "org.apache.kafka.connect.json.JsonConverter". */
  readonly className: string;

  constructor(
    readonly stage: Extract<ErrorStage, "KEY_CONVERTER" | "VALUE_CONVERTER" | "HEADER_CONVERTER">,
    converter: object,
    cause: unknown,
  ) {
    super(
      `${stage.toLowerCase().replace("_", " ")} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      { retriable: false, cause },
    );
    const name = converter.constructor.name;
    this.className = resolveConverterClass(name) ?? resolveHeaderConverterClass(name) ?? name;
  }
}

/** Runs one conversion, blaming `stage` and `converter` if it throws. */
export function convertIn<T>(stage: ConversionError["stage"], converter: object, convert: () => T): T {
  try {
    return convert();
  } catch (error) {
    throw new ConversionError(stage, converter, error);
  }
}
