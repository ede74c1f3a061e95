/** The connector config key that sets the share of records traced, as in the design. */
export const SAMPLING_RATIO_KEY = "trace.sampling.ratio";

/**
 * Every record is traced unless a connector says otherwise: OpenTelemetry's own default sampler records
 * everything, and tracing is off entirely until an OTLP endpoint is configured, so turning it on is the
 * operator's choice of cost already.
 */
export const DEFAULT_SAMPLING_RATIO = 1;

/** A `trace.sampling.ratio` that is not a number from 0 to 1. */
export class InvalidSamplingRatioError extends Error {
  constructor(readonly value: string) {
    super(`${SAMPLING_RATIO_KEY} must be a number from 0 to 1 (the share of records traced), not "${value}"`);
    this.name = new.target.name;
  }
}

/** The connector's sampling ratio from its config; the default when the key is absent or empty. */
export function samplingRatioFrom(config: Readonly<Record<string, string | undefined>>): number {
  const text = config[SAMPLING_RATIO_KEY]?.trim();
  if (text === undefined || text === "") return DEFAULT_SAMPLING_RATIO;
  const ratio = /^(\d+(\.\d*)?|\.\d+)(e-?\d+)?$/i.test(text) ? Number(text) : Number.NaN;
  if (!(ratio >= 0 && ratio <= 1)) throw new InvalidSamplingRatioError(text);
  return ratio;
}
