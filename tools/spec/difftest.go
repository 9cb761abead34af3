package spec

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Difftest is one item of the difftest: section: compare two programs on the same frames
// with BPF_PROG_TEST_RUN (opened difftest; Gazelle writes an ebpf_difftest target).
//
//	difftest:
//	  - name: decap_port
//	    a: decap                  # a stage, a stage's port (decap_to_tc_ingress) or a label
//	    b: decap_to_tc_ingress
//	    generate: 10000           # generated frames (default 10000 without pcaps)
//	    seed: 1                   # generator seed
//	    pcaps: [testdata/decap_edge.pcap]
//	    maps: testdata/decap_seed.yaml   # map seed, written into both before the first frame
//	    ignore_maps: [rl_buckets]        # maps holding clock-dependent state: not compared
type Difftest struct {
	Name string `json:"name"`
	A    string `json:"a"`
	B    string `json:"b"`
	// Generate is the number of generated frames; -1 when not given.
	Generate int   `json:"generate"`
	Seed     int64 `json:"seed"`
	// Pcaps and Maps are relative to the spec's directory.
	Pcaps []string `json:"pcaps,omitempty"`
	Maps  string   `json:"maps,omitempty"`
	// IgnoreMaps names maps not compared afterwards (state that depends on the clock).
	IgnoreMaps []string `json:"ignore_maps,omitempty"`
	// Line is the YAML line of the item; ALine and BLine those of a and b.
	Line, ALine, BLine int `json:"-"`
}

// DefaultDifftestFrames is the number of generated frames of a difftest without pcaps and
// without generate.
const DefaultDifftestFrames = 10000

// Frames returns the number of generated frames the difftest runs.
func (d *Difftest) Frames() int {
	if d.Generate >= 0 {
		return d.Generate
	}
	if len(d.Pcaps) > 0 {
		return 0
	}
	return DefaultDifftestFrames
}

// IsLabel reports whether a difftest side is written as a Bazel label rather than a name.
func IsLabel(s string) bool {
	return strings.HasPrefix(s, ":") || strings.HasPrefix(s, "//") || strings.HasPrefix(s, "@")
}

func parseDifftests(p string, v *yaml.Node) ([]Difftest, error) {
	if v.Kind != yaml.SequenceNode {
		return nil, &Error{File: p, Line: v.Line, Field: "difftest", Msg: "want a list of comparisons (name, a, b)"}
	}
	var out []Difftest
	seen := map[string]int{}
	for _, it := range v.Content {
		d, err := parseDifftest(p, it)
		if err != nil {
			return nil, err
		}
		if prev, ok := seen[d.Name]; ok {
			return nil, &Error{File: p, Line: d.Line, Field: "name", Msg: fmt.Sprintf("difftest %q already defined at line %d", d.Name, prev)}
		}
		seen[d.Name] = d.Line
		out = append(out, d)
	}
	if len(out) == 0 {
		return nil, &Error{File: p, Line: v.Line, Field: "difftest", Msg: "no comparisons"}
	}
	return out, nil
}

func parseDifftest(p string, n *yaml.Node) (Difftest, error) {
	d := Difftest{Line: n.Line, Generate: -1, Seed: 1}
	if n.Kind != yaml.MappingNode {
		return d, &Error{File: p, Line: n.Line, Field: "difftest", Msg: "want a mapping with name, a, b"}
	}
	have := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if have[k.Value] {
			return d, &Error{File: p, Line: k.Line, Field: k.Value, Msg: "given twice"}
		}
		have[k.Value] = true
		var err error
		switch k.Value {
		case "name":
			d.Name, err = scalar(v)
			if err == nil && !identRE.MatchString(d.Name) {
				err = fmt.Errorf("%q: use letters, digits and '_' (it names a test target)", d.Name)
			}
		case "a", "b":
			var s string
			s, err = scalar(v)
			if k.Value == "a" {
				d.A, d.ALine = s, v.Line
			} else {
				d.B, d.BLine = s, v.Line
			}
		case "generate":
			d.Generate, err = intOf(v, 0, 10000000)
		case "seed":
			var s int
			s, err = intOf(v, -1<<31, 1<<31-1)
			d.Seed = int64(s)
		case "pcaps":
			d.Pcaps, err = stringsOf(v, false)
			for _, f := range d.Pcaps {
				if err == nil {
					err = relFile(f)
				}
			}
		case "maps":
			d.Maps, err = scalar(v)
			if err == nil {
				err = relFile(d.Maps)
			}
		case "ignore_maps":
			d.IgnoreMaps, err = stringsOf(v, false)
			for _, m := range d.IgnoreMaps {
				if err == nil && !identRE.MatchString(strings.TrimPrefix(m, ".")) {
					err = fmt.Errorf("%q is not a map name", m)
				}
			}
		default:
			return d, &Error{File: p, Line: k.Line, Field: k.Value, Msg: "unknown key (known: name, a, b, generate, seed, pcaps, maps, ignore_maps)"}
		}
		if err != nil {
			return d, &Error{File: p, Line: v.Line, Field: k.Value, Msg: err.Error()}
		}
	}
	for _, f := range []string{"name", "a", "b"} {
		if !have[f] {
			return d, &Error{File: p, Line: n.Line, Field: f, Msg: "missing"}
		}
	}
	if d.Frames() == 0 && len(d.Pcaps) == 0 {
		return d, &Error{File: p, Line: n.Line, Field: "generate", Msg: "0 generated frames and no pcaps: nothing to compare"}
	}
	return d, nil
}

func intOf(v *yaml.Node, min, max int) (int, error) {
	if v.Kind != yaml.ScalarNode || v.Tag != "!!int" {
		return 0, fmt.Errorf("want an integer")
	}
	n, err := strconv.ParseInt(strings.ReplaceAll(v.Value, "_", ""), 0, 64)
	if err != nil || n < int64(min) || n > int64(max) {
		return 0, fmt.Errorf("%s: want an integer from %d to %d", v.Value, min, max)
	}
	return int(n), nil
}

// relFile checks a file is written relative to the spec's directory, inside it.
func relFile(f string) error {
	c := path.Clean(filepath.ToSlash(f))
	if f == "" || path.IsAbs(c) || c == ".." || strings.HasPrefix(c, "../") {
		return fmt.Errorf("%q must be a file relative to the spec's directory, inside it", f)
	}
	return nil
}

// DifftestTargets lists the names a difftest side may use: every stage and every stage's
// port (STAGE_to_HOOK).
func (s *Spec) DifftestTargets() map[string]bool {
	m := map[string]bool{}
	for i := range s.Extracts {
		e := &s.Extracts[i]
		m[e.Name] = true
		if e.Transform != nil {
			m[TransformTarget(e.Name, e.Transform)] = true
		}
	}
	return m
}

// checkDifftests checks that each side names a stage, a stage's port or a label.
func (s *Spec) checkDifftests() error {
	known := s.DifftestTargets()
	for _, d := range s.Difftests {
		for _, side := range []struct {
			field, v string
			line     int
		}{{"a", d.A, d.ALine}, {"b", d.B, d.BLine}} {
			if IsLabel(side.v) || known[side.v] {
				continue
			}
			var names []string
			for n := range known {
				names = append(names, n)
			}
			sort.Strings(names)
			return &Error{File: s.Path, Line: side.line, Field: side.field,
				Msg: fmt.Sprintf("%q is neither a stage, a stage's port nor a label (known: %s)", side.v, strings.Join(names, ", "))}
		}
	}
	return nil
}

// ValidateDifftests checks that the pcap and map seed files of every difftest exist.
func (s *Spec) ValidateDifftests() error {
	for _, d := range s.Difftests {
		files := append([]string(nil), d.Pcaps...)
		if d.Maps != "" {
			files = append(files, d.Maps)
		}
		for _, f := range files {
			p := filepath.Join(s.Dir, filepath.FromSlash(f))
			if st, err := os.Stat(p); err != nil || st.IsDir() {
				field := "pcaps"
				if f == d.Maps {
					field = "maps"
				}
				return &Error{File: s.Path, Line: d.Line, Field: field, Msg: fmt.Sprintf("difftest %s: file %s not found", d.Name, p)}
			}
		}
	}
	return nil
}
