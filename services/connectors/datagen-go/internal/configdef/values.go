package configdef

import "fmt"

// Values holds a config's parsed values by key: every defined key, given or defaulted.
//
// The getters panic when asked for a key the spec does not define or with the wrong type. Both are bugs in
// the plugin that defined the keys (the same file that reads them), which any test that parses a config
// finds, so they are not worth an error return at every call.
type Values struct {
	byKey map[string]any
}

// String is the value of a STRING, PASSWORD or CLASS key.
func (v Values) String(key string) string { return get[string](v, key) }

// Int is the value of an INT or SHORT key.
func (v Values) Int(key string) int32 { return get[int32](v, key) }

// Long is the value of a LONG key.
func (v Values) Long(key string) int64 { return get[int64](v, key) }

// Double is the value of a DOUBLE key.
func (v Values) Double(key string) float64 { return get[float64](v, key) }

// Bool is the value of a BOOLEAN key.
func (v Values) Bool(key string) bool { return get[bool](v, key) }

// List is the value of a LIST key.
func (v Values) List(key string) []string { return get[[]string](v, key) }

func get[T any](v Values, key string) T {
	raw, isDefined := v.byKey[key]
	if !isDefined {
		panic(fmt.Sprintf("config key %q is not defined in this spec; define it or fix the name", key))
	}
	value, isType := raw.(T)
	if !isType {
		panic(fmt.Sprintf("config key %q holds a %T, not a %T; read it with the getter of its type", key, raw, value))
	}
	return value
}
