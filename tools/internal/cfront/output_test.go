package cfront

import (
	"bytes"
	"os"
	"testing"
)

// TestOutputMapped reads a small output into a reused buffer and maps a large one, whose
// pages release drops without changing what the parser reads.
func TestOutputMapped(t *testing.T) {
	for _, c := range []struct {
		name string
		size int
	}{
		{"small, read", 4096 + 17},
		{"large, mapped", mapAbove + 3*releaseEvery + 5},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, err := os.CreateTemp(t.TempDir(), "out")
			if err != nil {
				t.Fatal(err)
			}
			if err := f.Truncate(int64(c.size)); err != nil {
				t.Fatal(err)
			}
			head, tail := []byte("{\"head\""), []byte("\"tail\"}")
			if _, err := f.WriteAt(head, 0); err != nil {
				t.Fatal(err)
			}
			if _, err := f.WriteAt(tail, int64(c.size-len(tail))); err != nil {
				t.Fatal(err)
			}
			o := &output{f: f}
			for round := 0; round < 2; round++ {
				data, release, done, err := o.mapped()
				if err != nil {
					t.Fatal(err)
				}
				if len(data) != c.size || !bytes.HasPrefix(data, head) {
					t.Fatalf("round %d: %d bytes starting %q; want %d starting %q", round, len(data), data[:8], c.size, head)
				}
				for off := releaseEvery; off < c.size; off += releaseEvery {
					release(off)
				}
				if !bytes.HasSuffix(data, tail) || !bytes.HasPrefix(data, head) {
					t.Fatalf("round %d: content changed after release", round)
				}
				done()
			}
			f.Close()
		})
	}
}
