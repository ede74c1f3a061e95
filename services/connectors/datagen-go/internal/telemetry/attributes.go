package telemetry

import (
	"fmt"

	"go.opentelemetry.io/otel/attribute"
)

// The span names and attribute keys of libs/telemetry (SpanNames, SpanAttributes), spelled the same so
// a trace reads the same whichever language wrote each hop.
const (
	spanSourceReadBatch  = "source read"
	spanSourceReadRecord = "source read record"

	hopSourceRead = "source-read"

	attrMessagingSystem   = "messaging.system"
	attrDestinationName   = "messaging.destination.name"
	attrPartitionID       = "messaging.destination.partition.id"
	attrBatchMessageCount = "messaging.batch.message_count"
	attrConnector         = "connect-mesh.connector"
	attrTask              = "connect-mesh.task"
	attrHop               = "connect-mesh.hop"
)

// TaskIdentity says which connector and task a span belongs to.
type TaskIdentity struct {
	Connector string
	Task      int32
}

func (t TaskIdentity) attributes(hop string) []attribute.KeyValue {
	return []attribute.KeyValue{
		attribute.String(attrConnector, t.Connector),
		attribute.Int(attrTask, int(t.Task)),
		attribute.String(attrHop, hop),
	}
}

// sourceRecordAttributes are a source record's: its task and hop, and the topic (and partition, when the
// plugin chose one) it is bound for, as OpenTelemetry's Kafka conventions spell them.
func (t TaskIdentity) sourceRecordAttributes(topic string, partition *int32) []attribute.KeyValue {
	attributes := append(t.attributes(hopSourceRead),
		attribute.String(attrMessagingSystem, "kafka"),
		attribute.String(attrDestinationName, topic))
	if partition != nil {
		attributes = append(attributes, attribute.String(attrPartitionID, fmt.Sprint(*partition)))
	}
	return attributes
}

func (t TaskIdentity) batchAttributes(hop string, recordCount int) []attribute.KeyValue {
	return append(t.attributes(hop), attribute.Int(attrBatchMessageCount, recordCount))
}
