import { PROTO_ROOT } from "@connect-mesh/proto";
import { loadSync } from "@grpc/proto-loader";
import { ReflectionService } from "@grpc/reflection";
import { protoPath as healthProtoPath } from "grpc-health-check";

const CONTRACT_FILES = [
  "connectmesh/v1/connector.proto",
  "connectmesh/v1/source.proto",
  "connectmesh/v1/sink.proto",
];

/**
 * Server reflection (for grpcurl and friends) over the contract's .proto files and the health service.
 * Reflection needs descriptors that ts-proto's generated code does not carry, so the files are loaded
 * from the repository's proto directory; only the services this server actually serves are listed.
 */
export function reflectionService(servedServices: readonly string[]): ReflectionService {
  const contract = loadSync(CONTRACT_FILES, { includeDirs: [PROTO_ROOT] });
  const health = loadSync(healthProtoPath);
  return new ReflectionService({ ...contract, ...health }, { services: [...servedServices] });
}
