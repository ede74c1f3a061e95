package datagen

import (
	"encoding/json"
	"fmt"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

// Generator turns one task's sequences into records, with the task's topic, key type and value shape.
type Generator struct {
	config    TaskConfig
	partition *connectmeshv1.Value
}

// NewGenerator makes the generator of one task.
func NewGenerator(config TaskConfig) *Generator {
	return &Generator{config: config, partition: sourcePartition(config.Index)}
}

// Record is record `sequence` (from 1) of the task. The record timestamp is left unset so Kafka stamps it:
// a made-up one would date records in 2024 and let topic retention delete them at once.
func (g *Generator) Record(sequence int64) *connectmeshv1.Record {
	fields := DeriveFields(g.config.Seed, g.config.Index, sequence)
	record := &connectmeshv1.Record{
		Topic:           g.config.Topic,
		SourcePartition: g.partition,
		SourceOffset:    sourceOffset(sequence),
	}
	switch g.config.KeyType {
	case KeyTypeSequence:
		record.Key, record.KeySchema = intValue(fields.ID), int64Schema
	case KeyTypeUUID:
		record.Key, record.KeySchema = stringValue(fields.UUID), stringSchema
	case KeyTypeNone:
	}
	switch g.config.ValueShape {
	case ValueShapeString:
		record.Value, record.ValueSchema = stringValue(fields.JSON()), stringSchema
	case ValueShapeRecord:
		record.Value, record.ValueSchema = structValue(fields), recordSchema
	}
	return record
}

func structValue(fields RecordFields) *connectmeshv1.Value {
	tags := make([]*connectmeshv1.Value, len(fields.Tags))
	for i, tag := range fields.Tags {
		tags[i] = stringValue(tag)
	}
	return &connectmeshv1.Value{Kind: &connectmeshv1.Value_StructValue{StructValue: &connectmeshv1.StructValue{
		Fields: []*connectmeshv1.StructField{
			{Name: "id", Value: intValue(fields.ID)},
			{Name: "name", Value: stringValue(fields.Name)},
			{Name: "amount", Value: &connectmeshv1.Value{Kind: &connectmeshv1.Value_BytesValue{BytesValue: decimalBytes(fields.AmountCents)}}},
			{Name: "created_at", Value: intValue(fields.CreatedAtMs)},
			{Name: "active", Value: &connectmeshv1.Value{Kind: &connectmeshv1.Value_BoolValue{BoolValue: fields.Active}}},
			{Name: "tags", Value: &connectmeshv1.Value{Kind: &connectmeshv1.Value_ArrayValue{ArrayValue: &connectmeshv1.ArrayValue{Elements: tags}}}},
		},
	}}}
}

// recordJSON is the string shape's layout; the field order here is the order in the text.
type recordJSON struct {
	ID          int64    `json:"id"`
	Name        string   `json:"name"`
	Amount      string   `json:"amount"`
	CreatedAtMs int64    `json:"created_at"`
	Active      bool     `json:"active"`
	Tags        []string `json:"tags"`
}

// JSON is the string shape's value: the fields as one JSON object, the amount as a decimal string
// ("1234.05") so no parser rounds it, created_at in epoch milliseconds.
func (f RecordFields) JSON() string {
	text, err := json.Marshal(recordJSON{
		ID:          f.ID,
		Name:        f.Name,
		Amount:      fmt.Sprintf("%d.%02d", f.AmountCents/100, f.AmountCents%100),
		CreatedAtMs: f.CreatedAtMs,
		Active:      f.Active,
		Tags:        f.Tags,
	})
	if err != nil {
		// Only strings, numbers and booleans go in, which always marshal.
		panic(fmt.Sprintf("datagen: marshalling a record as JSON: %v", err))
	}
	return string(text)
}

func intValue(number int64) *connectmeshv1.Value {
	return &connectmeshv1.Value{Kind: &connectmeshv1.Value_IntValue{IntValue: number}}
}

func stringValue(text string) *connectmeshv1.Value {
	return &connectmeshv1.Value{Kind: &connectmeshv1.Value_StringValue{StringValue: text}}
}
