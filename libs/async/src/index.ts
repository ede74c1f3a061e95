/** Async building blocks shared by the services. */
export { sleep } from "./sleep.js";
export { WakeUp } from "./wake-up.js";
