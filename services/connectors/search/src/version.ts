/** The search sink's version, as Describe and GET /connector-plugins report it. */
export const SEARCH_CONNECTOR_VERSION = "0.1.0";
