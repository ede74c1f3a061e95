// Package datagen is the DatagenSource plugin: a source that makes up records instead of reading them, for
// demos and benchmarks.
//
// Every record is a pure function of (seed, task index, sequence), so a test, or a consumer in another
// language, can compute exactly what any task will produce. The sequence is the record's number within its
// task, from 1; task t's records have the ids t*10^12 + sequence, so tasks never overlap. DeriveFields
// holds the derivation and the README spells it out.
//
// Each task's source partition is {"task": <index>} and its source offset {"sequence": <sequence>}, so a
// task that restarts resumes right after the last record whose offset the worker stored.
package datagen
