package datagen

import (
	"encoding/binary"
	"encoding/hex"
)

// uuidFromWords formats 128 random bits as a version 4 (random) UUID, RFC 9562: high's bytes then low's,
// big-endian, with the version nibble set to 4 and the variant bits to 10, in lower-case 8-4-4-4-12 form.
func uuidFromWords(high, low uint64) string {
	var raw [16]byte
	binary.BigEndian.PutUint64(raw[:8], high)
	binary.BigEndian.PutUint64(raw[8:], low)
	raw[6] = raw[6]&0x0F | 0x40
	raw[8] = raw[8]&0x3F | 0x80
	var text [36]byte
	hex.Encode(text[0:8], raw[0:4])
	text[8] = '-'
	hex.Encode(text[9:13], raw[4:6])
	text[13] = '-'
	hex.Encode(text[14:18], raw[6:8])
	text[18] = '-'
	hex.Encode(text[19:23], raw[8:10])
	text[23] = '-'
	hex.Encode(text[24:36], raw[10:16])
	return string(text[:])
}
