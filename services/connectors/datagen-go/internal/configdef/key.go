package configdef

import connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"

// Key defines one config key, as Connect's ConfigDef.define does.
type Key struct {
	// Name is the key in Connect's dotted style, e.g. "batch.size".
	Name string
	// Type says how the string value parses.
	Type connectmeshv1.ConfigType
	// Required keys have no default: a value must be given.
	Required bool
	// Default is the value used when the key is not given, in its string form; ignored when Required.
	Default string
	// Importance tells a user how much the key matters.
	Importance connectmeshv1.ConfigImportance
	// Documentation says what the key does, for people; the REST API and UIs show it.
	Documentation string
	// DisplayName is a short human name, e.g. "Batch size"; the key's name when empty.
	DisplayName string
	// Group is the group the key belongs to in a UI.
	Group string
	// Validators are the rules the parsed value must follow.
	Validators []*connectmeshv1.ConfigValidator
}

// definition is the key as Describe returns it; orderInGroup is its position within its group, from 1.
func (k Key) definition(orderInGroup int32) *connectmeshv1.ConfigDefinition {
	definition := &connectmeshv1.ConfigDefinition{
		Name:          k.Name,
		Type:          k.Type,
		Required:      k.Required,
		Importance:    k.Importance,
		Documentation: k.Documentation,
		Group:         k.Group,
		OrderInGroup:  orderInGroup,
		DisplayName:   k.DisplayName,
		Validators:    k.Validators,
		Secret:        k.isSecret(),
	}
	if definition.DisplayName == "" {
		definition.DisplayName = k.Name
	}
	if !k.Required {
		definition.DefaultValue = &k.Default
	}
	return definition
}

func (k Key) isSecret() bool {
	return k.Type == connectmeshv1.ConfigType_CONFIG_TYPE_PASSWORD
}
