package transform

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opened-ebpf/opened/tools/mcu"
)

// TestLineMap checks that the ported functions.json still maps every line of every original
// function to its original file:line: the same number of lines, and every line no change
// touched is the original line itself.
func TestLineMap(t *testing.T) {
	for _, c := range portCases {
		t.Run(fmt.Sprintf("%s-%s", c.nf, c.to), func(t *testing.T) {
			_, port, res := portNF(t, c)
			u, err := mcu.Read(port)
			if err != nil {
				t.Fatal(err)
			}
			orig, err := os.ReadFile(filepath.Join("testdata", "nf", c.nf, "prog.c"))
			if err != nil {
				t.Fatal(err)
			}
			origLines := strings.Split(string(orig), "\n")
			portLines := strings.Split(string(u.Source), "\n")
			changed := map[int]bool{}
			for _, ch := range res.Changes.Changes {
				changed[ch.MCULine] = true
			}
			checked := 0
			for _, f := range u.Functions.Functions {
				if f.Section == u.Functions.Section {
					continue // the ported program: inserted text standing for the original lines
				}
				if f.EndLine-f.StartLine != f.MCUEndLine-f.MCUStartLine {
					t.Fatalf("%s: %d original lines, %d in mcu.c", f.Name, f.EndLine-f.StartLine+1, f.MCUEndLine-f.MCUStartLine+1)
				}
				for i := 0; i <= f.EndLine-f.StartLine; i++ {
					ml := f.MCUStartLine + i
					if changed[ml] {
						continue
					}
					if got, want := portLines[ml-1], origLines[f.StartLine+i-1]; got != want {
						t.Errorf("%s: mcu.c:%d %q maps to %s:%d %q", f.Name, ml, got, f.File, f.StartLine+i, want)
					}
					checked++
				}
			}
			if checked == 0 {
				t.Fatal("no line checked")
			}
		})
	}
}
