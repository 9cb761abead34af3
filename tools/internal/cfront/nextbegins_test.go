package cfront

import (
	"math/rand"
	"reflect"
	"testing"
)

// TestNextBegins compares nextBegins with the quadratic definition.
func TestNextBegins(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for iter := 0; iter < 200; iter++ {
		n := r.Intn(40)
		ds := make([]Decl, n)
		for i := range ds {
			ds[i].File = []string{"a.h", "b.c", "c.h"}[r.Intn(3)]
			ds[i].Begin = r.Intn(100)
			ds[i].End = ds[i].Begin + r.Intn(30)
		}
		want := make([]int, n)
		for i := range ds {
			want[i] = -1
			for j := i + 1; j < n; j++ {
				if ds[j].File == ds[i].File && ds[j].Begin >= ds[i].End && (want[i] < 0 || ds[j].Begin < want[i]) {
					want[i] = ds[j].Begin
				}
			}
		}
		if got := nextBegins(ds); !reflect.DeepEqual(got, want) && n > 0 {
			t.Fatalf("nextBegins(%+v) = %v; want %v", ds, got, want)
		}
	}
}
