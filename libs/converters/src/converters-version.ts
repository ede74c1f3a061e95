/**
 * The version the built-in converters report, as `GET /connector-plugins?connectorsOnly=false` lists them
 * and as `key.converter.plugin.version` (and the value and header ones) must name: they ship with the
 * runtime, one version of each.
 */
export const CONVERTERS_VERSION = "0.1.0";
