package datagen

import (
	"bytes"
	"math"
	"math/big"
	"testing"
)

func TestDecimalBytesMatchJavasBigIntegerToByteArray(t *testing.T) {
	tests := map[int64][]byte{
		0:             {0x00},
		1:             {0x01},
		127:           {0x7F},
		128:           {0x00, 0x80},
		255:           {0x00, 0xFF},
		256:           {0x01, 0x00},
		909773:        {0x0D, 0xE1, 0xCD},
		-1:            {0xFF},
		-128:          {0x80},
		-129:          {0xFF, 0x7F},
		math.MaxInt64: {0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF},
		math.MinInt64: {0x80, 0, 0, 0, 0, 0, 0, 0},
	}
	for unscaled, want := range tests {
		if got := decimalBytes(unscaled); !bytes.Equal(got, want) {
			t.Errorf("decimalBytes(%d) = % X, want % X", unscaled, got, want)
		}
	}
}

func TestDecimalBytesRoundTripThroughTwosComplement(t *testing.T) {
	for _, unscaled := range []int64{3, -3, 999_999, -999_999, 1 << 40, -(1 << 40)} {
		encoded := decimalBytes(unscaled)
		decoded := new(big.Int).SetBytes(encoded)
		if encoded[0]&0x80 != 0 {
			decoded.Sub(decoded, new(big.Int).Lsh(big.NewInt(1), uint(8*len(encoded))))
		}
		if decoded.Int64() != unscaled {
			t.Errorf("% X decodes to %d, want %d", encoded, decoded, unscaled)
		}
	}
}
