package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/opened-ebpf/opened/loader"
	"github.com/opened-ebpf/opened/tools/internal/outdir"
	"github.com/opened-ebpf/opened/tools/mcu"
)

// corpusCase is testdata/<dir>/case.yaml (case <dir>) or testdata/<dir>/case.<name>.yaml (case
// <name>, a variant over the same repository: other flags, another entry).
type corpusCase struct {
	// Dir is the repository the case extracts from.
	Dir       string   `yaml:"-"`
	Entry     string   `yaml:"entry"`
	CFlags    []string `yaml:"cflags"`
	Prefer    []string `yaml:"prefer"`
	Functions []string `yaml:"functions"`
	Absent    []string `yaml:"absent"`
	Maps      []struct {
		Name    string `yaml:"name"`
		Style   string `yaml:"style"`
		Type    string `yaml:"type"`
		Pinning string `yaml:"pinning"`
		// Optional; checked when non-zero.
		KeySize    uint32 `yaml:"key_size"`
		ValueSize  uint32 `yaml:"value_size"`
		MaxEntries uint32 `yaml:"max_entries"`
		// Optional: maps.json inner_shape, checked when given (sizes exactly, 0 included;
		// sites as FILE:LINE; reason as a substring).
		InnerShape *struct {
			Source    string   `yaml:"source"`
			KeySize   uint32   `yaml:"key_size"`
			ValueSize uint32   `yaml:"value_size"`
			Sites     []string `yaml:"sites"`
			Reason    string   `yaml:"reason"`
		} `yaml:"inner_shape"`
	} `yaml:"maps"`
	Warnings []struct {
		Kind   mcu.WarningKind `yaml:"kind"`
		Symbol string          `yaml:"symbol"`
	} `yaml:"warnings"`
	Error string `yaml:"error"`
	// VerifyError: extraction succeeds and the unit is checked as usual, but the unit
	// cannot be verified standalone: loader.VerifyUnit fails with this in its message.
	VerifyError string `yaml:"verify_error"`
	// Hook is the program type the entry loads as: xdp (XDP) or tc (SchedCLS).
	Hook string `yaml:"hook"`
	// Section, when given, is functions.json's section, exactly.
	Section string `yaml:"section"`
}

// hookTypes maps a case's hook: to the program type the loader reports.
var hookTypes = map[string]string{"xdp": "XDP", "tc": "SchedCLS"}

func loadCases(t testing.TB) map[string]corpusCase {
	t.Helper()
	files, err := filepath.Glob("testdata/*/case.yaml")
	if err != nil {
		t.Fatal(err)
	}
	variants, err := filepath.Glob("testdata/*/case.*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, variants...)
	if len(files) == 0 {
		t.Fatal("no corpus cases in testdata")
	}
	cases := map[string]corpusCase{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var c corpusCase
		dec := yaml.NewDecoder(bytes.NewReader(b))
		dec.KnownFields(true) // a typo'd key is an error, not an unchecked expectation
		if err := dec.Decode(&c); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if c.Error == "" && hookTypes[c.Hook] == "" {
			t.Fatalf("%s: hook %q: want xdp or tc", f, c.Hook)
		}
		for _, w := range c.Warnings {
			if !slices.Contains(mcu.WarningKinds(), w.Kind) {
				t.Fatalf("%s: warning kind %q is not a kind opened extract writes (%v)", f, w.Kind, mcu.WarningKinds())
			}
		}
		c.Dir = filepath.Dir(f)
		name := filepath.Base(c.Dir)
		if base := filepath.Base(f); base != "case.yaml" {
			name = strings.TrimSuffix(strings.TrimPrefix(base, "case."), ".yaml")
		}
		if _, dup := cases[name]; dup {
			t.Fatalf("%s: case %s defined twice", f, name)
		}
		cases[name] = c
	}
	return cases
}

// TestCorpus extracts every corpus case, compares the result with its
// case.yaml, and loads mcu.o in the running kernel.
func TestCorpus(t *testing.T) {
	cases := loadCases(t)
	names := make([]string, 0, len(cases))
	for n := range cases {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		c := cases[name]
		t.Run(name, func(t *testing.T) {
			t.Parallel() // each case has its own repository, index and output
			tmp := t.TempDir()
			out := filepath.Join(tmp, "mcu")
			var rep *loader.Report
			verify := func(dir string) (err error) {
				rep, err = loader.VerifyUnit(dir)
				return err
			}
			if c.VerifyError != "" {
				verify = nil // verified after the checks below
			}
			res, err := Run(context.Background(), Options{
				Repo: c.Dir, Entry: c.Entry, CFlags: c.CFlags, Prefer: c.Prefer,
				DB: filepath.Join(tmp, "index.db"), Out: out,
				Verify: verify,
			})
			if c.Error != "" {
				if err == nil {
					t.Fatalf("extract succeeded; want error containing %q", c.Error)
				}
				if !strings.Contains(err.Error(), c.Error) {
					t.Fatalf("error %q does not contain %q", err, c.Error)
				}
				if _, serr := os.Stat(out); serr == nil {
					t.Fatalf("output directory exists after error")
				}
				left, _ := os.ReadDir(tmp)
				for _, e := range left {
					if e.Name() != "index.db" && !strings.HasPrefix(e.Name(), "index.db-") {
						t.Errorf("partial output left behind: %s", e.Name())
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.VerifyError != "" {
				checkCase(t, c, res, out, c.Dir)
				if _, err := loader.VerifyUnit(out); err == nil || !strings.Contains(err.Error(), c.VerifyError) {
					t.Fatalf("verification error %v; want one containing %q", err, c.VerifyError)
				}
				return
			}
			if rep == nil || rep.Type != hookTypes[c.Hook] {
				t.Errorf("loaded as %+v; want program type %s (hook %s)", rep, hookTypes[c.Hook], c.Hook)
			}
			if c.Section != "" && res.Functions.Section != c.Section {
				t.Errorf("section %q; want %q", res.Functions.Section, c.Section)
			}
			checkCase(t, c, res, out, c.Dir)
		})
	}
}

func checkCase(t *testing.T, c corpusCase, res *Result, out, repo string) {
	t.Helper()
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		files = append(files, e.Name())
	}
	if got, want := strings.Join(files, " "), outdir.Marker+" functions.json maps.json mcu.c mcu.o warnings.json"; got != want {
		t.Errorf("MCU files = %s; want %s", got, want)
	}
	var got []string
	for _, f := range res.Functions.Functions {
		got = append(got, f.Name)
		if filepath.IsAbs(f.File) {
			t.Errorf("absolute path in functions.json: %s", f.File)
		}
	}
	want := append([]string(nil), c.Functions...)
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("functions = %v; want %v", got, want)
	}
	src, err := os.ReadFile(filepath.Join(out, "mcu.c"))
	if err != nil {
		t.Fatal(err)
	}
	// functions.json points at each function's first line in mcu.c.
	mcuLines := strings.Split(string(src), "\n")
	for _, f := range res.Functions.Functions {
		orig, err := os.ReadFile(filepath.Join(repo, f.File))
		if err != nil {
			t.Fatal(err)
		}
		ol := strings.Split(string(orig), "\n")
		if f.StartLine < 1 || f.StartLine > len(ol) || f.MCUStartLine < 1 || f.MCUStartLine > len(mcuLines) || f.MCUEndLine < f.MCUStartLine {
			t.Errorf("%s: bad lines %+v", f.Name, f)
			continue
		}
		renamed := false
		for _, w := range res.Warnings.Warnings {
			renamed = renamed || w.Kind == "static-renamed" && w.Symbol == f.Name
		}
		if got, want := strings.TrimRight(mcuLines[f.MCUStartLine-1], "\r"), strings.TrimRight(ol[f.StartLine-1], "\r"); got != want && !renamed {
			t.Errorf("%s: mcu.c:%d is %q; want its first line %q (%s:%d)", f.Name, f.MCUStartLine, got, want, f.File, f.StartLine)
		}
	}
	ids := map[string]bool{}
	for _, id := range identifiers(string(src)) {
		ids[id] = true
	}
	for _, a := range c.Absent {
		if ids[a] {
			t.Errorf("mcu.c mentions %s, which the entry does not need", a)
		}
	}
	maps := map[string]Map{}
	for _, m := range res.Maps.Maps {
		maps[m.Name] = m
	}
	if len(maps) != len(c.Maps) {
		var names []string
		for n := range maps {
			names = append(names, n)
		}
		sort.Strings(names)
		t.Errorf("maps = %v; want %d maps", names, len(c.Maps))
	}
	for _, wm := range c.Maps {
		m, ok := maps[wm.Name]
		if !ok {
			t.Errorf("map %s missing from maps.json", wm.Name)
			continue
		}
		if m.Style != wm.Style || m.Type != wm.Type || m.Pinning != wm.Pinning {
			t.Errorf("map %s = {style %s, type %s, pinning %s}; want {%s, %s, %s}", wm.Name, m.Style, m.Type, m.Pinning, wm.Style, wm.Type, wm.Pinning)
		}
		for _, f := range []struct {
			what      string
			got, want uint32
		}{{"key_size", m.KeySize, wm.KeySize}, {"value_size", m.ValueSize, wm.ValueSize}, {"max_entries", m.MaxEntries, wm.MaxEntries}} {
			if f.want != 0 && f.got != f.want {
				t.Errorf("map %s: %s = %d; want %d", wm.Name, f.what, f.got, f.want)
			}
		}
		if w := wm.InnerShape; w != nil {
			g := m.InnerShape
			if g == nil {
				t.Errorf("map %s: no inner_shape; want %+v", wm.Name, *w)
				continue
			}
			var sites []string
			for _, l := range g.Sites {
				sites = append(sites, fmt.Sprintf("%s:%d", l.File, l.Line))
			}
			if g.Source != w.Source || g.KeySize != w.KeySize || g.ValueSize != w.ValueSize ||
				w.Sites != nil && strings.Join(sites, " ") != strings.Join(w.Sites, " ") || !strings.Contains(g.Reason, w.Reason) {
				t.Errorf("map %s: inner_shape %+v (sites %v); want %+v", wm.Name, *g, sites, *w)
			}
		}
	}
	have := map[string]bool{}
	for _, w := range res.Warnings.Warnings {
		have[string(w.Kind)+" "+w.Symbol] = true
	}
	listed := map[string]bool{}
	for _, w := range c.Warnings {
		listed[string(w.Kind)+" "+w.Symbol] = true
		if !have[string(w.Kind)+" "+w.Symbol] {
			t.Errorf("missing warning %s %s; got %+v", w.Kind, w.Symbol, res.Warnings.Warnings)
		}
	}
	// Every warning the user must act on has to be expected by the case.
	for _, w := range res.Warnings.Warnings {
		if w.Severity == "warning" && !listed[string(w.Kind)+" "+w.Symbol] {
			t.Errorf("unexpected warning: %s", w)
		}
	}
	var disk Warnings
	b, err := os.ReadFile(filepath.Join(out, "warnings.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &disk); err != nil {
		t.Fatal(err)
	}
	if len(disk.Warnings) != len(res.Warnings.Warnings) {
		t.Errorf("warnings.json has %d warnings; result has %d", len(disk.Warnings), len(res.Warnings.Warnings))
	}
}
