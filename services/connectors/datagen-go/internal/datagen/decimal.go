package datagen

import "encoding/binary"

// decimalBytes encodes an unscaled Decimal value as Kafka Connect does (Decimal.fromLogical, that is Java's
// BigInteger.toByteArray): big-endian two's complement in as few bytes as keep the sign, so 255 is
// 00 FF and -1 is FF.
func decimalBytes(unscaled int64) []byte {
	encoded := binary.BigEndian.AppendUint64(make([]byte, 0, 8), uint64(unscaled))
	start := 0
	// A leading byte can go while it only repeats the sign that the next byte's top bit already carries.
	for start < 7 {
		lead, nextIsNegative := encoded[start], encoded[start+1]&0x80 != 0
		if (lead == 0x00 && !nextIsNegative) || (lead == 0xFF && nextIsNegative) {
			start++
			continue
		}
		break
	}
	return encoded[start:]
}
