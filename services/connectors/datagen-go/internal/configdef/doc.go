// Package configdef is Kafka Connect's ConfigDef for a Go connector: a plugin defines its config keys once,
// and the definitions that Describe returns, the per-key results that Validate returns and the typed values
// that Plan and Read use all come from those definitions, so they cannot drift apart.
//
// Parsing and the messages follow Connect (ConfigDef.parseType, Range, ValidString, NonEmptyString), so a
// user moving from Connect recognises them, and they match the TypeScript SDK's word for word.
package configdef
