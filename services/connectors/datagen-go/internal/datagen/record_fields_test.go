package datagen

import (
	"reflect"
	"testing"
)

// The goldens were computed by an independent Python implementation written from the README's
// description alone, so they pin the documented derivation, not just this code.
func TestDeriveFieldsFollowsTheDocumentedDerivation(t *testing.T) {
	tests := []struct {
		seed     int64
		task     int32
		sequence int64
		want     RecordFields
	}{
		{42, 0, 1, RecordFields{ID: 1, Name: "Leslie Perlman", AmountCents: 909773, CreatedAtMs: 1704067200085,
			Active: true, Tags: []string{}, UUID: "906c60d8-f07b-4e7c-849a-bd76fc5bb901"}},
		{42, 0, 2, RecordFields{ID: 2, Name: "Radia Hoare", AmountCents: 896588, CreatedAtMs: 1704067201445,
			Active: true, Tags: []string{"promo", "us", "vip"}, UUID: "c1009a89-f6ff-4718-a967-08e991431f34"}},
		{42, 1, 1, RecordFields{ID: 1000000000001, Name: "Dennis Knuth", AmountCents: 455340, CreatedAtMs: 1704067200700,
			Active: false, Tags: []string{"new"}, UUID: "4c814abd-be93-44ca-8143-d12fe333dd9a"}},
		{7, 3, 1000, RecordFields{ID: 3000000001000, Name: "Alan Hoare", AmountCents: 284112, CreatedAtMs: 1704068199386,
			Active: true, Tags: []string{}, UUID: "6ee2abc0-5088-4b23-8777-80ecb652c9f7"}},
		{-5, 999, MaxSequence, RecordFields{ID: 999999999999999, Name: "Margaret Allen", AmountCents: 432119, CreatedAtMs: 1001704067198227,
			Active: true, Tags: []string{}, UUID: "d36bf3a7-24c2-4988-9eb9-20f2bb40ca35"}},
	}
	for _, test := range tests {
		got := DeriveFields(test.seed, test.task, test.sequence)
		if !reflect.DeepEqual(got, test.want) {
			t.Errorf("DeriveFields(%d, %d, %d) = %+v\nwant %+v", test.seed, test.task, test.sequence, got, test.want)
		}
	}
}

func TestDeriveFieldsStaysWithinTheDocumentedRanges(t *testing.T) {
	for sequence := int64(1); sequence <= 2000; sequence++ {
		fields := DeriveFields(42, 5, sequence)
		if fields.ID != 5*IDsPerTask+sequence {
			t.Fatalf("sequence %d: id %d", sequence, fields.ID)
		}
		if fields.AmountCents < 0 || fields.AmountCents > 999_999 || len(fields.Tags) > 3 {
			t.Fatalf("sequence %d: amount %d, tags %v", sequence, fields.AmountCents, fields.Tags)
		}
		if offset := fields.CreatedAtMs - CreatedAtBaseMs - (sequence-1)*1000; offset < 0 || offset > 999 {
			t.Fatalf("sequence %d: created_at %d is not within its second", sequence, fields.CreatedAtMs)
		}
	}
}

func TestDifferentSeedsGiveDifferentRecords(t *testing.T) {
	same := 0
	for sequence := int64(1); sequence <= 100; sequence++ {
		if DeriveFields(1, 0, sequence).UUID == DeriveFields(2, 0, sequence).UUID {
			same++
		}
	}
	if same > 0 {
		t.Errorf("%d of 100 records were the same under seeds 1 and 2", same)
	}
}

func TestTheStringShapeIsTheFieldsAsJSON(t *testing.T) {
	got := DeriveFields(42, 0, 2).JSON()
	want := `{"id":2,"name":"Radia Hoare","amount":"8965.88","created_at":1704067201445,"active":true,"tags":["promo","us","vip"]}`
	if got != want {
		t.Errorf("JSON = %s\nwant %s", got, want)
	}
	if got := DeriveFields(42, 0, 1).JSON(); got != `{"id":1,"name":"Leslie Perlman","amount":"9097.73","created_at":1704067200085,"active":true,"tags":[]}` {
		t.Errorf("a record without tags: JSON = %s, want an empty tags array", got)
	}
}
