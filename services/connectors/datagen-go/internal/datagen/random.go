package datagen

// golden is SplitMix64's increment, 2^64 divided by the golden ratio.
const golden uint64 = 0x9E3779B97F4A7C15

// mix64 is SplitMix64's output function (Steele, Lea and Flood, 2014): it scrambles every input bit into
// every output bit, so neighbouring seeds, tasks and sequences give unrelated streams.
func mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// recordRandom is a SplitMix64 generator started from (seed, task, sequence) alone. Every record gets its
// own, rather than one stream per task, so record n can be computed without generating the n-1 before it:
// a restart resumes mid-stream and a test checks any record directly.
type recordRandom struct {
	state uint64
}

// newRecordRandom starts the generator at mix64(mix64(mix64(seed) XOR task) XOR sequence), all as uint64.
func newRecordRandom(seed int64, task int32, sequence int64) recordRandom {
	return recordRandom{state: mix64(mix64(mix64(uint64(seed))^uint64(task)) ^ uint64(sequence))}
}

// next is SplitMix64's step: add golden to the state, return mix64 of it.
func (r *recordRandom) next() uint64 {
	r.state += golden
	return mix64(r.state)
}
