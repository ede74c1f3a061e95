import { Value } from "@connect-mesh/proto";

const NULL: Value = { kind: undefined };

/**
 * Whether two values are the same, compared by their protobuf encoding: a deterministic source sends the
 * same partition and offset maps the same way each time, which is all the resume check relies on.
 */
export function isSameValue(a: Value | undefined, b: Value | undefined): boolean {
  return Buffer.from(Value.encode(a ?? NULL).finish()).equals(Value.encode(b ?? NULL).finish());
}
