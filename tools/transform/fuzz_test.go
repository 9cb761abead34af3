package transform

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"sync"
	"testing"

	"github.com/opened-ebpf/opened/tools/internal/cfront"
	"github.com/opened-ebpf/opened/tools/mcu"
)

// fuzzUnits are corpus units with their ASTs, parsed once per process.
var (
	fuzzOnce  sync.Once
	fuzzUnits []*mcu.Unit
	fuzzASTs  []*cfront.AST
)

// FuzzPort ports corpus units under arbitrary functions.json contents (lines, sections,
// names) and targets: the transformer must return a port or a typed error, never panic, and
// a port's functions.json lines must lie inside its mcu.c. Seeds: testdata/fuzz/FuzzPort.
func FuzzPort(f *testing.F) {
	fuzzOnce.Do(func() {
		for _, nf := range []string{"decap", "tc_nat", "vlan", "bad_xdp"} {
			dir := unitFromC(f, filepath.Join("nf", nf, "prog.c"))
			u, err := mcu.Read(dir)
			if err != nil {
				f.Fatal(err)
			}
			ast, err := cfront.ParseAST(context.Background(), cfront.Options{Repo: dir}, mcu.SourceFile)
			if err != nil {
				f.Fatal(err)
			}
			fuzzUnits, fuzzASTs = append(fuzzUnits, u), append(fuzzASTs, ast)
		}
	})
	for i, u := range fuzzUnits {
		b, _ := json.Marshal(u.Functions)
		f.Add(uint8(i), b, "tc-ingress", false)
		f.Add(uint8(i), b, "xdp", true)
	}
	f.Fuzz(func(t *testing.T, which uint8, functions []byte, to string, chained bool) {
		i := int(which) % len(fuzzUnits)
		u := *fuzzUnits[i]
		if err := json.Unmarshal(functions, &u.Functions); err != nil {
			return
		}
		res, err := Port(&u, fuzzASTs[i], to, chained)
		if err != nil {
			var ue *UsageError
			var ie *InfeasibleError
			var ce *ConflictError
			if !errors.As(err, &ue) && !errors.As(err, &ie) && !errors.As(err, &ce) {
				t.Fatalf("untyped error: %v", err)
			}
			return
		}
		lines := len(newLineIndex(string(res.Unit.Source)).starts)
		for _, fn := range res.Unit.Functions.Functions {
			if fn.MCUStartLine > lines || fn.MCUEndLine > lines {
				t.Fatalf("%s: mcu lines %d-%d outside mcu.c (%d lines)", fn.Name, fn.MCUStartLine, fn.MCUEndLine, lines)
			}
		}
	})
}
