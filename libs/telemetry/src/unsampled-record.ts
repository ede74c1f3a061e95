import { type Context, createContextKey, ROOT_CONTEXT } from "@opentelemetry/api";
import { CarriedTrace } from "./carried-trace.js";

/**
 * The context of a record whose first hop decided not to trace it: what the contract's
 * `TraceContext.unsampled` carries. It holds no ids. At a low sampling ratio nearly every record is one
 * of these, and giving each a trace id to carry through every hop, for a trace in which nothing is
 * recorded, was most of what tracing cost. Its hops start no span; a hop at which the record fails records
 * one, as the root of a new trace (see `HopSpan.fail`), which its DLQ copy names.
 *
 * Known by identity: a context derived from it (the one after a failure) is a traced context, not this.
 */
export const UNSAMPLED_RECORD: Context = ROOT_CONTEXT.setValue(
  createContextKey("connect-mesh.unsampled-record"),
  true,
);

/**
 * Whether `context` is an unsampled record's that travels without a span: one whose trace started here
 * (UNSAMPLED_RECORD) or one that came from outside (a CarriedTrace). Its hops record nothing unless it fails.
 */
export function isCarriedUnsampled(context: Context): boolean {
  return context === UNSAMPLED_RECORD || context instanceof CarriedTrace;
}
