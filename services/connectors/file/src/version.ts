/** The file connectors' version, as Describe reports it; kept in step with package.json. */
export const FILE_CONNECTOR_VERSION = "0.1.0";
