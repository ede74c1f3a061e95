/** The JDBC connectors' version, as Describe and GET /connector-plugins report it. */
export const JDBC_CONNECTOR_VERSION = "0.1.0";
