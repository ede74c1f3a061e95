/** Async building blocks shared by the services. */
export { sleep } from "./sleep.js";
export { stopOnSignals } from "./stop-on-signals.js";
export type { WaitOptions } from "./wait-for.js";
export { waitFor } from "./wait-for.js";
export { WakeUp } from "./wake-up.js";
