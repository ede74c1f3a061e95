package datagen

// IDsPerTask spaces the tasks' id ranges: record n of task t has id t*IDsPerTask + n.
const IDsPerTask int64 = 1_000_000_000_000

// CreatedAtBaseMs is 2024-01-01T00:00:00Z, where every task's created_at values start.
const CreatedAtBaseMs int64 = 1_704_067_200_000

var firstNames = [16]string{
	"Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Margaret", "Dennis",
	"Ken", "Radia", "John", "Frances", "Leslie", "Tony", "Niklaus", "Hedy",
}

var lastNames = [16]string{
	"Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Hamilton", "Ritchie",
	"Thompson", "Perlman", "Backus", "Allen", "Lamport", "Hoare", "Wirth", "Lamarr",
}

var tagWords = [8]string{"new", "vip", "returning", "promo", "mobile", "web", "eu", "us"}

// RecordFields are one generated record's values, before they are encoded as a key and a value.
type RecordFields struct {
	// ID is task*IDsPerTask + sequence: unique across the connector's tasks.
	ID int64
	// Name is a first and a last name, e.g. "Grace Hopper".
	Name string
	// AmountCents is the amount's unscaled Decimal value at scale 2: 0 to 999999, i.e. 0.00 to 9999.99.
	AmountCents int64
	// CreatedAtMs is a Timestamp, milliseconds since the epoch: one second per sequence after
	// CreatedAtBaseMs, plus up to 999 ms, so it grows with the sequence.
	CreatedAtMs int64
	// Active is a coin flip.
	Active bool
	// Tags holds 0 to 3 words (repeats possible).
	Tags []string
	// UUID is the key when key.type is uuid.
	UUID string
}

// DeriveFields computes record `sequence` (from 1) of task `task` (from 0) under `seed`. It is the whole
// specification of the generated content; the README repeats it for other languages. With r the
// SplitMix64 generator of newRecordRandom and w1..w7 its first seven outputs, always all drawn:
//
//	id          = task*10^12 + sequence
//	name        = firstNames[w1 mod 16] + " " + lastNames[(w1 >> 32) mod 16]
//	amount      = (w2 mod 1000000) / 100, a Decimal with scale 2
//	created_at  = CreatedAtBaseMs + (sequence-1)*1000 + (w3 mod 1000)
//	active      = w4 is odd
//	tags        = k = w5 mod 4 words; word i (from 0) is tagWords[(w5 >> (8*(i+1))) mod 8]
//	uuid        = uuidFromWords(w6, w7)
func DeriveFields(seed int64, task int32, sequence int64) RecordFields {
	random := newRecordRandom(seed, task, sequence)
	var words [7]uint64
	for i := range words {
		words[i] = random.next()
	}
	tagCount := int(words[4] % 4)
	tags := make([]string, tagCount)
	for i := range tags {
		tags[i] = tagWords[(words[4]>>(8*(i+1)))%8]
	}
	return RecordFields{
		ID:          int64(task)*IDsPerTask + sequence,
		Name:        firstNames[words[0]%16] + " " + lastNames[(words[0]>>32)%16],
		AmountCents: int64(words[1] % 1_000_000),
		CreatedAtMs: CreatedAtBaseMs + (sequence-1)*1000 + int64(words[2]%1000),
		Active:      words[3]%2 == 1,
		Tags:        tags,
		UUID:        uuidFromWords(words[5], words[6]),
	}
}
