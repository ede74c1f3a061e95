package configdef

import (
	"fmt"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

// hiddenValue stands in for a secret wherever a value would be echoed, as Connect's "[hidden]".
const hiddenValue = "[hidden]"

// Spec is a plugin's set of config keys, in definition order.
type Spec struct {
	keys        []Key
	definitions []*connectmeshv1.ConfigDefinition
}

// MustDefine builds a Spec from keys. It panics if the keys themselves are broken (a name used twice, a
// default that does not parse or breaks its own rules, a bad pattern): that is a bug in the plugin, found
// by the first test that loads the package.
func MustDefine(keys ...Key) *Spec {
	spec := &Spec{keys: keys}
	positions := map[string]int32{}
	seen := map[string]bool{}
	for _, key := range keys {
		if seen[key.Name] {
			panic(fmt.Sprintf("config key %q is defined twice; remove one", key.Name))
		}
		seen[key.Name] = true
		positions[key.Group]++
		spec.definitions = append(spec.definitions, key.definition(positions[key.Group]))
		if !key.Required {
			if _, errs, err := evaluateKey(key, key.Default); err != nil || len(errs) > 0 {
				panic(fmt.Sprintf("config key %q has a default that breaks its own definition: %v %v", key.Name, errs, err))
			}
		}
	}
	return spec
}

// Definitions are the keys as Describe returns them.
func (s *Spec) Definitions() []*connectmeshv1.ConfigDefinition {
	return s.definitions
}

// Validate checks a config key by key, as the Validate call answers: one result per defined key, in
// definition order, each with its errors (none when valid). Keys the spec does not define (the runtime's
// own, such as tasks.max) are ignored.
func (s *Spec) Validate(config map[string]string) []*connectmeshv1.ConfigValueResult {
	_, results, _ := s.evaluate(config)
	return results
}

// Parse parses and validates a config. It returns a *ConfigError naming subject and listing every problem
// when any key is missing, malformed or breaks a rule.
func (s *Spec) Parse(subject string, config map[string]string) (Values, error) {
	values, _, problems := s.evaluate(config)
	if len(problems) > 0 {
		return Values{}, &ConfigError{Subject: subject, Problems: problems}
	}
	return values, nil
}

func (s *Spec) evaluate(config map[string]string) (Values, []*connectmeshv1.ConfigValueResult, []Problem) {
	values := Values{byKey: make(map[string]any, len(s.keys))}
	results := make([]*connectmeshv1.ConfigValueResult, 0, len(s.keys))
	var problems []Problem
	for _, key := range s.keys {
		result := &connectmeshv1.ConfigValueResult{Name: key.Name, Visible: true}
		text, isGiven := config[key.Name]
		switch {
		case isGiven:
			shown := text
			if key.isSecret() {
				shown = hiddenValue
			}
			result.Value = &shown
			value, errs, err := evaluateKey(key, text)
			if err != nil {
				errs = append(errs, err.Error())
			}
			result.Errors = errs
			values.byKey[key.Name] = value
		case key.Required:
			result.Errors = []string{fmt.Sprintf("Missing required configuration %q which has no default value.", key.Name)}
		default:
			// MustDefine checked that every default parses and follows its rules.
			values.byKey[key.Name], _, _ = evaluateKey(key, key.Default)
		}
		for _, message := range result.Errors {
			problems = append(problems, Problem{Key: key.Name, Message: message})
		}
		results = append(results, result)
	}
	return values, results, problems
}

// evaluateKey parses one value and checks it against the key's rules. errs are problems with the value, in
// Connect's words; err is a broken rule (a bad pattern), a bug in the plugin.
func evaluateKey(key Key, text string) (value any, errs []string, err error) {
	shown := text
	if key.isSecret() {
		shown = hiddenValue
	}
	value, problem := parseText(key.Type, text)
	if problem != "" {
		return nil, []string{fmt.Sprintf("Invalid value %s for configuration %s: %s", shown, key.Name, problem)}, nil
	}
	for _, validator := range key.Validators {
		problem, err := check(validator, value)
		if err != nil {
			return value, errs, fmt.Errorf("config key %q: %w", key.Name, err)
		}
		if problem != "" {
			errs = append(errs, fmt.Sprintf("Invalid value %s for configuration %s: %s", shown, key.Name, problem))
		}
	}
	return value, errs, nil
}
