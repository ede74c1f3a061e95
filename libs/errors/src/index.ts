/** MeshError, the base of every error connect-mesh raises, and the one way to normalize what was caught. */
export { MeshError, retriableVerdictOf, toMeshError } from "./mesh-error.js";
