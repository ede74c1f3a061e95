package datagen

import (
	"strconv"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

// Kafka Connect's logical type names, which converters recognise (data.proto).
const (
	decimalLogicalName   = "org.apache.kafka.connect.data.Decimal"
	timestampLogicalName = "org.apache.kafka.connect.data.Timestamp"
)

// RecordSchemaName names the STRUCT that value.shape=record produces.
const RecordSchemaName = "dev.connectmesh.datagen.Record"

// amountScale is the amount Decimal's scale: RecordFields.AmountCents counts hundredths.
const amountScale = 2

// Connect's logical types carry version 1 (Decimal.builder, Timestamp.builder); the same here, so a
// converter writes exactly what Connect would.
var logicalTypeVersion int32 = 1

// The schemas are built once and shared by every record: protobuf messages are safe to marshal from many
// goroutines at once, and nothing changes them after this.
var (
	int64Schema  = &connectmeshv1.Schema{Type: connectmeshv1.SchemaType_SCHEMA_TYPE_INT64}
	stringSchema = &connectmeshv1.Schema{Type: connectmeshv1.SchemaType_SCHEMA_TYPE_STRING}

	recordSchema = &connectmeshv1.Schema{
		Type: connectmeshv1.SchemaType_SCHEMA_TYPE_STRUCT,
		Name: RecordSchemaName,
		Doc:  "A synthetic record from the datagen connector; every field follows from (seed, task, sequence).",
		Fields: []*connectmeshv1.Field{
			{Name: "id", Index: 0, Schema: int64Schema},
			{Name: "name", Index: 1, Schema: stringSchema},
			{Name: "amount", Index: 2, Schema: &connectmeshv1.Schema{
				Type:       connectmeshv1.SchemaType_SCHEMA_TYPE_BYTES,
				Name:       decimalLogicalName,
				Version:    &logicalTypeVersion,
				Parameters: map[string]string{"scale": strconv.Itoa(amountScale)},
			}},
			{Name: "created_at", Index: 3, Schema: &connectmeshv1.Schema{
				Type:    connectmeshv1.SchemaType_SCHEMA_TYPE_INT64,
				Name:    timestampLogicalName,
				Version: &logicalTypeVersion,
			}},
			{Name: "active", Index: 4, Schema: &connectmeshv1.Schema{Type: connectmeshv1.SchemaType_SCHEMA_TYPE_BOOLEAN}},
			{Name: "tags", Index: 5, Schema: &connectmeshv1.Schema{
				Type:          connectmeshv1.SchemaType_SCHEMA_TYPE_ARRAY,
				ElementSchema: stringSchema,
			}},
		},
	}
)
