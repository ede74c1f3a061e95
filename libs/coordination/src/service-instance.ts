import { z } from "zod";

/** A plugin a connector service hosts, as the registry advertises it. */
export const RegisteredPlugin = z.object({
  /** The canonical class name users write in `connector.class`. */
  className: z.string().min(1),
  /** Other accepted names, e.g. `FileStreamSource`. */
  aliases: z.array(z.string()),
  /** Whether it moves data into Kafka (source) or out of it (sink). */
  kind: z.enum(["source", "sink"]),
  /** The plugin's version. */
  version: z.string(),
});
/** A plugin a connector service hosts, as the registry advertises it. */
export type RegisteredPlugin = z.infer<typeof RegisteredPlugin>;

/** One running instance of a mesh service: a connector service, a worker, a coordinator. */
export const ServiceInstance = z.object({
  /** What it is: "connector" for connector services, "worker", "coordinator". */
  serviceType: z.string().min(1),
  /** Unique within its type, stable across restarts where possible. */
  instanceId: z.string().min(1),
  /** Where to reach it, "host:port". */
  address: z.string(),
  /**
   * Where its Prometheus `/metrics` is served, "host:port", when it serves one; tools such as `cmesh top`
   * find the workers' metrics here. Optional, so entries written before it existed still parse.
   */
  metricsAddress: z.string().optional(),
  /**
   * What the instance is or hosts, e.g. "source", "sink", "worker". Free text, so that a kind added by a
   * newer version still parses in an older reader.
   */
  kind: z.string().optional(),
  /** For connector services: the plugins it hosts. */
  plugins: z.array(RegisteredPlugin).default([]),
  /** The service's own version. */
  version: z.string(),
  /** When it registered, as an ISO 8601 timestamp. */
  registeredAt: z.string(),
});
/** One running instance of a mesh service: a connector service, a worker, a coordinator. */
export type ServiceInstance = z.infer<typeof ServiceInstance>;

/** Why a registry entry was left out of a listing. */
export interface InvalidServiceEntry {
  /** The entry's key in the coordination store. */
  readonly key: string;
  /** What was wrong with it. */
  readonly reason: string;
}

/**
 * Reads a registry entry's JSON. Resolves `{ error }` rather than throwing: an entry written by another
 * version, or by hand, must not stop every reader of the registry.
 */
export function parseServiceInstance(text: string): { instance: ServiceInstance } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { error: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const parsed = ServiceInstance.safeParse(json);
  return parsed.success ? { instance: parsed.data } : { error: z.prettifyError(parsed.error) };
}
