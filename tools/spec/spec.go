package spec

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/opened-ebpf/opened/tools/internal/cflags"
)

// Spec is a parsed opened.yaml.
type Spec struct {
	// Path is the spec file as given to Load or Parse.
	Path string
	// Dir is the directory holding the spec; relative repositories are resolved against it.
	Dir string
	// Extracts lists the extraction stages in file order.
	Extracts []Extract
	// Pipelines lists the pipeline: section (pipeline.go).
	Pipelines []Pipeline
	// Difftests lists the difftest: section (difftest.go).
	Difftests []Difftest
	// AllowOutside lets repositories and include directories lie outside the workspace (see
	// Workspace). Only the CLI's --unsafe-paths sets it; a spec cannot.
	AllowOutside bool
	// Root, when set, is the workspace (Gazelle's repository root) instead of the directory
	// Workspace finds.
	Root string
}

// Extract is one extraction stage: which entry of which repository.
type Extract struct {
	Name string `json:"name"`
	// Repo is the repository as written in the spec.
	Repo string `json:"repo"`
	// RepoDir is Repo resolved against the spec's directory (a local path; OPENED never fetches).
	RepoDir string `json:"-"`
	// Entry is "file:line" (file relative to the repository) or a function name.
	Entry  string   `json:"entry"`
	CFlags []string `json:"cflags,omitempty"`
	// CFlagLines holds the YAML line of each word of CFlags, for error messages.
	CFlagLines []int `json:"-"`
	// Prefer lists repository files whose definitions win when one name is defined in several
	// places and the entry's translation unit cannot decide.
	Prefer []string `json:"prefer,omitempty"`
	// Hdrs are Bazel labels of headers outside the repository the stage's build reads (an
	// include directory named with -I in cflags): Gazelle writes them into ebpf_extract's hdrs
	// so the sandbox holds them. The CLI reads the files through -I and ignores them.
	Hdrs []string `json:"hdrs,omitempty"`
	// InnerMaps gives, by outer map name, the inner map (TYPE:KEY_SIZE:VALUE_SIZE[:MAX_ENTRIES],
	// mcu.ParseInnerShape) of a map of maps whose inner maps user space creates and that
	// nothing in the program describes: the verification load uses it.
	InnerMaps map[string]string `json:"inner_maps,omitempty"`
	// Transform, when set, ports the unit to another hook (transform.go).
	Transform *Transform `json:"transform,omitempty"`
	// Line is the YAML line of the stage, for error messages.
	Line int `json:"-"`
}

// Entry is a parsed entry point: either File and Line, or Function.
type Entry struct {
	File     string
	Line     int
	Function string
}

func (e Entry) String() string {
	if e.Function != "" {
		return e.Function
	}
	return fmt.Sprintf("%s:%d", e.File, e.Line)
}

// Error is a spec error located in the YAML file.
type Error struct {
	File  string
	Line  int
	Field string
	Msg   string
}

func (e *Error) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	if e.Field != "" {
		return fmt.Sprintf("%s: %s: %s", loc, e.Field, e.Msg)
	}
	return fmt.Sprintf("%s: %s", loc, e.Msg)
}

var (
	// identRE is a C identifier as clang reads it: letters (any script, as C11 allows), digits,
	// '_' and '$'.
	identRE = regexp.MustCompile(`^[\p{L}_$][\p{L}\p{N}_$]*$`)
	nameRE  = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]*$`)
)

// ParseEntry parses "file:line" or a C function name.
func ParseEntry(s string) (Entry, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Entry{}, fmt.Errorf("entry is empty: want file:line or a function name")
	}
	if identRE.MatchString(s) {
		return Entry{Function: s}, nil
	}
	i := strings.LastIndex(s, ":")
	if i <= 0 {
		return Entry{}, fmt.Errorf("entry %q is neither file:line nor a C identifier", s)
	}
	n, err := strconv.Atoi(s[i+1:])
	if err != nil || n <= 0 {
		return Entry{}, fmt.Errorf("entry %q: line %q is not a positive number", s, s[i+1:])
	}
	f := filepath.ToSlash(path.Clean(s[:i]))
	if path.IsAbs(f) || f == ".." || strings.HasPrefix(f, "../") {
		return Entry{}, fmt.Errorf("entry %q: file must be relative to the repository", s)
	}
	return Entry{File: f, Line: n}, nil
}

// Load reads and parses the spec at path.
func Load(p string) (*Spec, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	return Parse(p, data)
}

// Parse parses spec data; p names the file in errors and anchors relative repositories.
func Parse(p string, data []byte) (*Spec, error) {
	s := &Spec{Path: p, Dir: filepath.Dir(p)}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &Error{File: p, Line: 1, Msg: "spec is empty: want an extract list"}
	}
	if err := checkUTF8(p, data); err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(p, err)
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	var items *yaml.Node
	switch root.Kind {
	case yaml.SequenceNode:
		items = root
	case yaml.MappingNode:
		topSeen := map[string]int{}
		for i := 0; i+1 < len(root.Content); i += 2 {
			k, v := root.Content[i], root.Content[i+1]
			if prev, ok := topSeen[k.Value]; ok {
				return nil, &Error{File: p, Line: k.Line, Field: k.Value, Msg: fmt.Sprintf("given twice (first at line %d)", prev)}
			}
			topSeen[k.Value] = k.Line
			switch k.Value {
			case "extract":
				if v.Kind != yaml.SequenceNode {
					return nil, &Error{File: p, Line: v.Line, Field: "extract", Msg: "want a list of stages"}
				}
				items = v
			case "pipeline":
				pls, err := parsePipelines(p, v)
				if err != nil {
					return nil, err
				}
				s.Pipelines = pls
			case "difftest":
				dts, err := parseDifftests(p, v)
				if err != nil {
					return nil, err
				}
				s.Difftests = dts
			default:
				return nil, &Error{File: p, Line: k.Line, Field: k.Value, Msg: "unknown top-level key (known: extract, pipeline, difftest)"}
			}
		}
		if items == nil {
			return nil, &Error{File: p, Line: root.Line, Field: "extract", Msg: "missing"}
		}
	default:
		return nil, &Error{File: p, Line: root.Line, Msg: "want a list of stages or a mapping with an extract list"}
	}
	seen := map[string]int{}
	for _, it := range items.Content {
		var e Extract
		var err error
		switch it.Kind {
		case yaml.SequenceNode:
			e, err = parsePair(p, it)
		case yaml.MappingNode:
			e, err = parseNamed(p, it)
		default:
			err = &Error{File: p, Line: it.Line, Msg: "stage: want [repo, repo/file:line] or a mapping with name, repo, entry"}
		}
		if err != nil {
			return nil, err
		}
		if prev, ok := seen[e.Name]; ok {
			return nil, &Error{File: p, Line: e.Line, Field: "name", Msg: fmt.Sprintf("stage %q already defined at line %d", e.Name, prev)}
		}
		seen[e.Name] = e.Line
		e.RepoDir = resolveRepo(s.Dir, e.Repo)
		s.Extracts = append(s.Extracts, e)
	}
	if len(s.Extracts) == 0 {
		return nil, &Error{File: p, Line: items.Line, Field: "extract", Msg: "no stages"}
	}
	if err := s.checkPipelines(); err != nil {
		return nil, err
	}
	if err := s.checkDifftests(); err != nil {
		return nil, err
	}
	return s, nil
}

// Stage returns the stage with the given name.
func (s *Spec) Stage(name string) (*Extract, error) {
	var names []string
	for i := range s.Extracts {
		if s.Extracts[i].Name == name {
			return &s.Extracts[i], nil
		}
		names = append(names, s.Extracts[i].Name)
	}
	sort.Strings(names)
	return nil, &Error{File: s.Path, Msg: fmt.Sprintf("no stage named %q (stages: %s)", name, strings.Join(names, ", "))}
}

func parsePair(p string, n *yaml.Node) (Extract, error) {
	if len(n.Content) != 2 {
		return Extract{}, &Error{File: p, Line: n.Line, Msg: fmt.Sprintf("pair has %d elements: want [repository, repository/file:line]", len(n.Content))}
	}
	for _, c := range n.Content {
		if c.Kind != yaml.ScalarNode || c.Value == "" {
			return Extract{}, &Error{File: p, Line: c.Line, Msg: "pair elements must be non-empty strings"}
		}
	}
	repo, entry := n.Content[0].Value, n.Content[1].Value
	ent, err := ParseEntry(entry)
	if err != nil {
		return Extract{}, &Error{File: p, Line: n.Content[1].Line, Field: "entry", Msg: err.Error()}
	}
	if ent.File != "" {
		// The seed writes the file with the repository's directory name in front.
		if base := repoBase(repo); strings.HasPrefix(ent.File, base+"/") {
			ent.File = strings.TrimPrefix(ent.File, base+"/")
		}
		entry = ent.String()
	}
	name := ent.Function
	if name == "" {
		stem := strings.TrimSuffix(path.Base(ent.File), path.Ext(ent.File))
		name = fmt.Sprintf("%s_%d", stem, ent.Line)
	}
	name = strings.Map(func(r rune) rune {
		if r == '-' || r == '.' {
			return '_'
		}
		return r
	}, name)
	if !nameRE.MatchString(name) {
		// The same rule as a named stage's name: it becomes a directory and a target name.
		return Extract{}, &Error{File: p, Line: n.Content[1].Line, Field: "entry", Msg: fmt.Sprintf("stage name %q derived from the entry: use letters, digits, '_', '-', '.' (or give the stage a name with the mapping form)", name)}
	}
	return Extract{Name: name, Repo: repo, Entry: entry, Line: n.Line}, nil
}

func parseNamed(p string, n *yaml.Node) (Extract, error) {
	e := Extract{Line: n.Line}
	have := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if have[k.Value] {
			return e, &Error{File: p, Line: k.Line, Field: k.Value, Msg: "given twice"}
		}
		have[k.Value] = true
		var err error
		switch k.Value {
		case "name":
			e.Name, err = scalar(v)
			if err == nil && !nameRE.MatchString(e.Name) {
				err = fmt.Errorf("%q: use letters, digits, '_', '-', '.'", e.Name)
			}
		case "repo":
			e.Repo, err = scalar(v)
		case "entry":
			e.Entry, err = scalar(v)
			if err == nil {
				var ent Entry
				if ent, err = ParseEntry(e.Entry); err == nil {
					e.Entry = ent.String()
				}
			}
		case "cflags":
			e.CFlags, e.CFlagLines, err = stringsLines(v, true)
			if err == nil {
				if _, ferr := cflags.Parse(e.CFlags, cflags.Options{}); ferr != nil {
					var fe *cflags.Error
					line := v.Line
					if errors.As(ferr, &fe) && fe.Index < len(e.CFlagLines) {
						line = e.CFlagLines[fe.Index]
					}
					return e, &Error{File: p, Line: line, Field: k.Value, Msg: ferr.Error() + " (flags from a spec may set include directories, macros, warnings and code generation only)"}
				}
			}
		case "prefer":
			e.Prefer, err = stringsOf(v, false)
			for _, f := range e.Prefer {
				if err == nil && (path.IsAbs(f) || strings.HasPrefix(path.Clean(f), "../")) {
					err = fmt.Errorf("%q must be relative to the repository", f)
				}
			}
		case "hdrs":
			e.Hdrs, err = stringsOf(v, false)
			for _, l := range e.Hdrs {
				if err == nil && !labelRE.MatchString(l) {
					err = fmt.Errorf("%q is not a Bazel label (//pkg:target, @repo//pkg:target or :target)", l)
				}
			}
		case "inner_maps":
			var ierr error
			if e.InnerMaps, ierr = parseInnerMaps(p, v); ierr != nil {
				return e, ierr
			}
		case "transform":
			var terr error
			if e.Transform, terr = parseTransform(p, v); terr != nil {
				return e, terr
			}
		default:
			return e, &Error{File: p, Line: k.Line, Field: k.Value, Msg: "unknown key (known: name, repo, entry, cflags, prefer, hdrs, inner_maps, transform)"}
		}
		if err != nil {
			return e, &Error{File: p, Line: v.Line, Field: k.Value, Msg: err.Error()}
		}
	}
	for _, f := range []string{"name", "repo", "entry"} {
		if !have[f] {
			return e, &Error{File: p, Line: n.Line, Field: f, Msg: "missing"}
		}
	}
	return e, nil
}

// parseInnerMaps reads inner_maps: a mapping from outer map name to TYPE:KEY:VALUE[:MAX].
func parseInnerMaps(p string, v *yaml.Node) (map[string]string, error) {
	if v.Kind != yaml.MappingNode || len(v.Content) == 0 {
		return nil, &Error{File: p, Line: v.Line, Field: "inner_maps", Msg: "want a mapping from outer map name to TYPE:KEY_SIZE:VALUE_SIZE[:MAX_ENTRIES]"}
	}
	out := map[string]string{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		if !identRE.MatchString(k.Value) {
			return nil, &Error{File: p, Line: k.Line, Field: "inner_maps", Msg: fmt.Sprintf("%q is not a map name", k.Value)}
		}
		if _, dup := out[k.Value]; dup {
			return nil, &Error{File: p, Line: k.Line, Field: "inner_maps", Msg: fmt.Sprintf("%s given twice", k.Value)}
		}
		shape, err := scalar(val)
		if err == nil && !innerShapeRE.MatchString(shape) {
			// The map type is checked by opened extract (mcu.ParseInnerShape); this package
			// stays free of the tool's dependencies (Gazelle builds it).
			err = fmt.Errorf("%q: want TYPE:KEY_SIZE:VALUE_SIZE[:MAX_ENTRIES] (e.g. hash:8:32)", shape)
		}
		if err != nil {
			return nil, &Error{File: p, Line: val.Line, Field: "inner_maps", Msg: fmt.Sprintf("%s: %v", k.Value, err)}
		}
		out[k.Value] = shape
	}
	return out, nil
}

// innerShapeRE is the form of an inner_maps value.
var innerShapeRE = regexp.MustCompile(`^[A-Za-z_]+(:[1-9][0-9]*){2,3}$`)

// labelRE matches the Bazel labels hdrs may name.
var labelRE = regexp.MustCompile(`^((@[A-Za-z0-9_.~+-]*)?//[A-Za-z0-9_./+-]*(:[A-Za-z0-9_./+=,@~-]+)?|:[A-Za-z0-9_./+=,@~-]+)$`)

func scalar(v *yaml.Node) (string, error) {
	if v.Kind != yaml.ScalarNode {
		return "", fmt.Errorf("want a string")
	}
	if strings.TrimSpace(v.Value) == "" {
		return "", fmt.Errorf("is empty")
	}
	return v.Value, nil
}

// stringsOf accepts a list of strings or one string; split=true splits a string on spaces
// (cflags written as "-Iinclude -DFOO").
func stringsOf(v *yaml.Node, split bool) ([]string, error) {
	out, _, err := stringsLines(v, split)
	return out, err
}

// stringsLines is stringsOf that also returns each string's YAML line.
func stringsLines(v *yaml.Node, split bool) ([]string, []int, error) {
	var out []string
	var lines []int
	switch v.Kind {
	case yaml.ScalarNode:
		if split {
			out = strings.Fields(v.Value)
		} else if v.Value != "" {
			out = []string{v.Value}
		}
		for range out {
			lines = append(lines, v.Line)
		}
		return out, lines, nil
	case yaml.SequenceNode:
		for _, c := range v.Content {
			if c.Kind != yaml.ScalarNode {
				return nil, nil, fmt.Errorf("line %d: want a string", c.Line)
			}
			out = append(out, c.Value)
			lines = append(lines, c.Line)
		}
		return out, lines, nil
	}
	return nil, nil, fmt.Errorf("want a string or a list of strings")
}

var yamlLineRE = regexp.MustCompile(`line (\d+): (.*)`)

func yamlError(p string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	// yaml.v3 numbers a parser error's line from 0 (the line where the unfinished construct,
	// e.g. a flow list, starts); scanner errors from 1.
	parserErr := strings.HasPrefix(msg, "did not find expected") || strings.Contains(msg, ": did not find expected")
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		if parserErr {
			n++
		}
		return &Error{File: p, Line: n, Msg: "malformed YAML: " + m[2]}
	}
	if parserErr {
		return &Error{File: p, Line: 1, Msg: "malformed YAML: " + msg}
	}
	return &Error{File: p, Msg: "malformed YAML: " + msg}
}

// checkUTF8 names the line and column of the first byte that is not UTF-8 (yaml.v3 reports
// none).
func checkUTF8(p string, data []byte) error {
	if utf8.Valid(data) {
		return nil
	}
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return &Error{File: p, Line: line, Msg: fmt.Sprintf("not UTF-8 text: byte %#x at column %d", data[i], col)}
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return nil
}

// repoBase is the directory name a repository is vendored under: the last path element of a
// path or URI, without ".git".
func repoBase(repo string) string {
	r := strings.TrimSuffix(strings.TrimRight(repo, "/"), ".git")
	if i := strings.LastIndexAny(r, "/:"); i >= 0 {
		r = r[i+1:]
	}
	return r
}

// IsURI reports whether repo is written as a remote URI rather than a local path.
func IsURI(repo string) bool {
	return strings.Contains(repo, "://") || strings.HasPrefix(repo, "git@")
}

// vendorDirs are where a repository named by URI is looked for, relative to the spec's
// directory, in order: beside the spec, then the usual vendoring directories.
var vendorDirs = []string{".", "third_party", "vendor"}

// resolveRepo maps the repository as written to a local directory. A path is taken relative to
// the spec's directory; a URI names a vendored copy, found under the URI's last path element
// beside the spec or in one of vendorDirs (OPENED never fetches). When none exists, the path
// beside the spec is returned and Validate reports it.
func resolveRepo(dir, repo string) string {
	if IsURI(repo) {
		base := repoBase(repo)
		for _, v := range vendorDirs {
			p := filepath.Join(dir, v, base)
			if st, err := os.Stat(p); err == nil && st.IsDir() {
				return p
			}
		}
		return filepath.Join(dir, base)
	}
	if filepath.IsAbs(repo) {
		return filepath.Clean(repo)
	}
	return filepath.Join(dir, filepath.FromSlash(repo))
}
