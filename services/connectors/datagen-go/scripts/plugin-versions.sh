# Sourced by generate.sh and check-generated.sh: the exact code generator versions, so that generating twice,
# on any machine, writes the same bytes. protoc-gen-go must equal the google.golang.org/protobuf version in
# go.mod (check-generated.sh fails if they drift), since generated code may use runtime APIs of its version.
PROTOC_GEN_GO_VERSION=v1.36.12
PROTOC_GEN_GO_GRPC_VERSION=v1.6.2
