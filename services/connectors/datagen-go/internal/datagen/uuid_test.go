package datagen

import (
	"regexp"
	"testing"
)

var version4UUID = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestUUIDFromWordsIsAVersion4UUID(t *testing.T) {
	for _, words := range [][2]uint64{{0, 0}, {^uint64(0), ^uint64(0)}, {0x0123456789ABCDEF, 0xFEDCBA9876543210}} {
		if got := uuidFromWords(words[0], words[1]); !version4UUID.MatchString(got) {
			t.Errorf("uuidFromWords(%x, %x) = %s, not a version 4 UUID", words[0], words[1], got)
		}
	}
	if got := uuidFromWords(0x0123456789ABCDEF, 0xFEDCBA9876543210); got != "01234567-89ab-4def-bedc-ba9876543210" {
		t.Errorf("uuidFromWords = %s, want the words' bytes in order", got)
	}
}
