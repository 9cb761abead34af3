package packet

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzParsePcap: any bytes either parse or fail with a PcapError; what parses survives a
// write and a second read unchanged.
func FuzzParsePcap(f *testing.F) {
	var good bytes.Buffer
	gen, _ := Generate(4, 1, Options{})
	var frames [][]byte
	for _, g := range gen {
		frames = append(frames, g.Data)
	}
	if err := EncodePcap(&good, frames); err != nil {
		f.Fatal(err)
	}
	f.Add(good.Bytes())
	f.Add(good.Bytes()[:40])
	f.Add([]byte{0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := ParsePcap("fuzz.pcap", data)
		if err != nil {
			var pe *PcapError
			if !errors.As(err, &pe) {
				t.Fatalf("error is not a PcapError: %v", err)
			}
			return
		}
		var again bytes.Buffer
		if err := EncodePcap(&again, got); err != nil {
			t.Fatal(err)
		}
		back, err := ParsePcap("again.pcap", again.Bytes())
		if err != nil || len(back) != len(got) {
			t.Fatalf("re-read: %d frames, %v (had %d)", len(back), err, len(got))
		}
		for i := range back {
			if !bytes.Equal(back[i], got[i]) {
				t.Fatalf("frame %d changed in a write/read round trip", i)
			}
		}
	})
}

// FuzzSummary: any frame gets a one-line summary without panicking.
func FuzzSummary(f *testing.F) {
	for _, rc := range DefaultRecipes() {
		fs, err := Generate(1, 5, Options{Recipes: []Recipe{rc}, NoMutations: true})
		if err != nil {
			f.Fatal(err)
		}
		f.Add(fs[0].Data)
	}
	f.Fuzz(func(t *testing.T, frame []byte) {
		s := Summary(frame)
		if bytes.ContainsRune([]byte(s), '\n') {
			t.Fatalf("summary has a newline: %q", s)
		}
	})
}

// FuzzGenerate: every seed gives frames that serialize (no recipe fails) and are at least an
// Ethernet header long.
func FuzzGenerate(f *testing.F) {
	f.Add(int64(1), uint8(50))
	f.Add(int64(-7), uint8(200))
	f.Fuzz(func(t *testing.T, seed int64, n uint8) {
		fs, err := Generate(int(n), seed, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for i, fr := range fs {
			if len(fr.Data) < 14 {
				t.Fatalf("frame %d (%s, %s): %d bytes", i, fr.Recipe, fr.Mutation, len(fr.Data))
			}
		}
	})
}
