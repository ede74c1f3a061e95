package datagen

import (
	"connect-mesh.dev/connectors/datagen/internal/configdef"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

// The config keys users write, in Kafka Connect's dotted style.
const (
	ConfigTopic      = "topic"
	ConfigCount      = "count"
	ConfigRate       = "rate"
	ConfigBatchSize  = "batch.size"
	ConfigKeyType    = "key.type"
	ConfigValueShape = "value.shape"
	ConfigSeed       = "seed"
)

// KeyType is what each record's key is.
type KeyType string

const (
	// KeyTypeNone gives every record a null key (Kafka then spreads records over partitions).
	KeyTypeNone KeyType = "none"
	// KeyTypeSequence keys each record by its id, an INT64.
	KeyTypeSequence KeyType = "sequence"
	// KeyTypeUUID keys each record by a version 4 UUID string derived from the seed.
	KeyTypeUUID KeyType = "uuid"
)

// ValueShape is what each record's value is.
type ValueShape string

const (
	// ValueShapeRecord is a STRUCT (dev.connectmesh.datagen.Record) with a Decimal, a Timestamp and an array.
	ValueShapeRecord ValueShape = "record"
	// ValueShapeString is the same fields as one JSON text in a STRING value.
	ValueShapeString ValueShape = "string"
)

// MaxSequence is the most records one task generates: task t's ids are t*10^12 + 1 through
// t*10^12 + MaxSequence, so tasks never share an id.
const MaxSequence int64 = 999_999_999_999

// MaxBatchSize keeps a whole batch under gRPC's default 4 MiB message limit, which the worker keeps: the
// largest record (a 249-character topic, a UUID key, the STRUCT and its schema, which every record carries)
// encodes in under 900 bytes (record_size_test.go checks).
const MaxBatchSize = 4000

// Config is a DatagenSource connector's parsed config.
type Config struct {
	Topic string
	// Count is the number of records each task generates; -1 means no limit but MaxSequence.
	Count int64
	// RatePerSecond is each task's pace in records per second; 0 means as fast as the worker's credit allows.
	RatePerSecond float64
	BatchSize     int
	KeyType       KeyType
	ValueShape    ValueShape
	Seed          int64
}

// configSpec defines every key: Describe, Validate and parsing all come from it.
var configSpec = configdef.MustDefine(
	configdef.Key{
		Name:          ConfigTopic,
		Type:          connectmeshv1.ConfigType_CONFIG_TYPE_STRING,
		Required:      true,
		Importance:    connectmeshv1.ConfigImportance_CONFIG_IMPORTANCE_HIGH,
		DisplayName:   "Topic",
		Documentation: "The Kafka topic to write the generated records to: 1 to 249 of a-z, A-Z, 0-9, '.', '_' and '-'.",
		Validators:    []*connectmeshv1.ConfigValidator{configdef.Pattern(`[a-zA-Z0-9._-]{1,249}`)},
	},
	configdef.Key{
		Name:          ConfigCount,
		Type:          connectmeshv1.ConfigType_CONFIG_TYPE_LONG,
		Default:       "-1",
		Importance:    connectmeshv1.ConfigImportance_CONFIG_IMPORTANCE_MEDIUM,
		DisplayName:   "Records per task",
		Documentation: "How many records each task generates before it goes idle; -1 for no limit (at most 999999999999 per task, its id range).",
		Validators:    []*connectmeshv1.ConfigValidator{configdef.Between(-1, float64(MaxSequence))},
	},
	configdef.Key{
		Name:          ConfigRate,
		Type:          connectmeshv1.ConfigType_CONFIG_TYPE_DOUBLE,
		Default:       "0",
		Importance:    connectmeshv1.ConfigImportance_CONFIG_IMPORTANCE_MEDIUM,
		DisplayName:   "Records per second per task",
		Documentation: "Each task's pace in records per second (fractions allowed, e.g. 0.5); 0 generates as fast as the worker takes batches.",
		Validators:    []*connectmeshv1.ConfigValidator{configdef.AtLeast(0)},
	},
	configdef.Key{
		Name:          ConfigBatchSize,
		Type:          connectmeshv1.ConfigType_CONFIG_TYPE_INT,
		Default:       "500",
		Importance:    connectmeshv1.ConfigImportance_CONFIG_IMPORTANCE_LOW,
		DisplayName:   "Batch size",
		Documentation: "The most records in one batch sent to the worker.",
		Validators:    []*connectmeshv1.ConfigValidator{configdef.Between(1, MaxBatchSize)},
	},
	configdef.Key{
		Name:          ConfigKeyType,
		Type:          connectmeshv1.ConfigType_CONFIG_TYPE_STRING,
		Default:       string(KeyTypeSequence),
		Importance:    connectmeshv1.ConfigImportance_CONFIG_IMPORTANCE_MEDIUM,
		DisplayName:   "Key type",
		Documentation: "The record key: none (a null key), sequence (the record's id, an INT64) or uuid (a version 4 UUID string, derived from the seed).",
		Validators: []*connectmeshv1.ConfigValidator{
			configdef.OneOf(string(KeyTypeNone), string(KeyTypeSequence), string(KeyTypeUUID)),
		},
	},
	configdef.Key{
		Name:          ConfigValueShape,
		Type:          connectmeshv1.ConfigType_CONFIG_TYPE_STRING,
		Default:       string(ValueShapeRecord),
		Importance:    connectmeshv1.ConfigImportance_CONFIG_IMPORTANCE_MEDIUM,
		DisplayName:   "Value shape",
		Documentation: "The record value: record (a STRUCT dev.connectmesh.datagen.Record with id, name, amount as a Decimal, created_at as a Timestamp, active and tags) or string (the same fields as one JSON text).",
		Validators: []*connectmeshv1.ConfigValidator{
			configdef.OneOf(string(ValueShapeRecord), string(ValueShapeString)),
		},
	},
	configdef.Key{
		Name:          ConfigSeed,
		Type:          connectmeshv1.ConfigType_CONFIG_TYPE_LONG,
		Default:       "42",
		Importance:    connectmeshv1.ConfigImportance_CONFIG_IMPORTANCE_LOW,
		DisplayName:   "Seed",
		Documentation: "Seeds the generation: the same seed, task and sequence always give the same record.",
	},
)

// ParseConfig parses and validates a connector or task config; subject names it in the error. Keys it does
// not define (the runtime's, task.index) are ignored. The error is a *configdef.ConfigError listing every
// problem.
func ParseConfig(subject string, raw map[string]string) (Config, error) {
	values, err := configSpec.Parse(subject, raw)
	if err != nil {
		return Config{}, err
	}
	return Config{
		Topic:         values.String(ConfigTopic),
		Count:         values.Long(ConfigCount),
		RatePerSecond: values.Double(ConfigRate),
		BatchSize:     int(values.Int(ConfigBatchSize)),
		KeyType:       KeyType(values.String(ConfigKeyType)),
		ValueShape:    ValueShape(values.String(ConfigValueShape)),
		Seed:          values.Long(ConfigSeed),
	}, nil
}
