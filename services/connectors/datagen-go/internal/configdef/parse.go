package configdef

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

// decimalText is what Connect's Double.parseDouble accepts in practice. strconv.ParseFloat also takes hex
// floats and digit underscores, which Connect would refuse, so the text is checked first.
var decimalText = regexp.MustCompile(`^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?(?:Infinity|NaN)$`)

var listSeparator = regexp.MustCompile(`\s*,\s*`)

// parseText parses a config value from its string form the way Connect's ConfigDef.parseType does:
// strings and passwords as given, everything else trimmed first; booleans are "true" or "false" in any
// case; a list is comma-separated with the spaces around each comma dropped, and empty text is an empty
// list. The parsed value is a bool, string, int32 (SHORT, INT), int64 (LONG), float64 or []string. On
// failure it returns the problem in Connect's words.
func parseText(configType connectmeshv1.ConfigType, text string) (any, string) {
	trimmed := strings.TrimSpace(text)
	switch configType {
	case connectmeshv1.ConfigType_CONFIG_TYPE_STRING, connectmeshv1.ConfigType_CONFIG_TYPE_PASSWORD:
		return text, ""
	case connectmeshv1.ConfigType_CONFIG_TYPE_CLASS:
		return trimmed, ""
	case connectmeshv1.ConfigType_CONFIG_TYPE_BOOLEAN:
		switch strings.ToLower(trimmed) {
		case "true":
			return true, ""
		case "false":
			return false, ""
		}
		return nil, "Expected value to be either true or false"
	case connectmeshv1.ConfigType_CONFIG_TYPE_SHORT:
		return parseInteger(trimmed, 16, "SHORT")
	case connectmeshv1.ConfigType_CONFIG_TYPE_INT:
		return parseInteger(trimmed, 32, "INT")
	case connectmeshv1.ConfigType_CONFIG_TYPE_LONG:
		return parseInteger(trimmed, 64, "LONG")
	case connectmeshv1.ConfigType_CONFIG_TYPE_DOUBLE:
		if !decimalText.MatchString(trimmed) {
			return nil, "Not a number of type DOUBLE"
		}
		number, err := strconv.ParseFloat(trimmed, 64)
		if err != nil {
			return nil, "Not a number of type DOUBLE"
		}
		return number, ""
	case connectmeshv1.ConfigType_CONFIG_TYPE_LIST:
		if trimmed == "" {
			return []string{}, ""
		}
		return listSeparator.Split(trimmed, -1), ""
	default:
		return nil, fmt.Sprintf("the plugin defines this key with an unknown type (%v)", configType)
	}
}

func parseInteger(text string, bits int, typeName string) (any, string) {
	number, err := strconv.ParseInt(text, 10, bits)
	if err != nil {
		return nil, "Not a number of type " + typeName
	}
	if bits == 64 {
		return number, ""
	}
	return int32(number), ""
}
