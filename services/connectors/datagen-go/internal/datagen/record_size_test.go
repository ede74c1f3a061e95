package datagen

import (
	"strings"
	"testing"

	"google.golang.org/protobuf/proto"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

// grpcDefaultMaxMessageBytes is gRPC's default limit on a received message, which the worker keeps.
const grpcDefaultMaxMessageBytes = 4 << 20

func TestTheLargestBatchFitsInOneGRPCMessage(t *testing.T) {
	// The largest records: the longest topic, UUID keys, the STRUCT with its schema, the longest names and
	// the most tags, at the highest task index and sequence.
	config := TaskConfig{Config: Config{Topic: strings.Repeat("t", 249), KeyType: KeyTypeUUID, ValueShape: ValueShapeRecord}, Index: MaxTasks - 1}
	generator := NewGenerator(config)
	largest := 0
	for sequence := MaxSequence - 999; sequence <= MaxSequence; sequence++ {
		largest = max(largest, proto.Size(generator.Record(sequence)))
	}
	// Pad for the longest name and three of the longest tag, which the sample may have missed.
	largest += len("Margaret Lovelace") + 3*len("returning") + 3*4
	batch := make([]*connectmeshv1.Record, MaxBatchSize)
	for i := range batch {
		batch[i] = generator.Record(MaxSequence)
	}
	response := &connectmeshv1.ReadResponse{Message: &connectmeshv1.ReadResponse_Batch{Batch: &connectmeshv1.SourceBatch{Sequence: 1 << 62, Records: batch}}}
	size := proto.Size(response) + MaxBatchSize*(largest-proto.Size(generator.Record(MaxSequence)))
	if size >= grpcDefaultMaxMessageBytes {
		t.Fatalf("a batch of %d records may take %d bytes, over gRPC's %d; lower MaxBatchSize", MaxBatchSize, size, grpcDefaultMaxMessageBytes)
	}
	t.Logf("largest record %d bytes; largest batch about %d bytes of %d", largest, size, grpcDefaultMaxMessageBytes)
}
