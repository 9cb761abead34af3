package spec

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name string
		yaml string
		want []Extract
	}{
		{
			name: "seed pairs",
			yaml: "- [https://github.com/example/decap.git, decap/src/decap.c:3]\n- [vendored/decap, decap_main]\n",
			want: []Extract{
				{Name: "decap_3", Repo: "https://github.com/example/decap.git", RepoDir: "testdata/third_party/decap", Entry: "src/decap.c:3", Line: 1},
				{Name: "decap_main", Repo: "vendored/decap", RepoDir: "testdata/vendored/decap", Entry: "decap_main", Line: 2},
			},
		},
		{
			name: "named form",
			yaml: "extract:\n  - name: decap\n    repo: vendored/decap\n    entry: ./src/decap.c:4\n    cflags: -Iinclude -DENABLE_GUE\n    prefer: src/decap.c\n",
			want: []Extract{
				{Name: "decap", Repo: "vendored/decap", RepoDir: "testdata/vendored/decap", Entry: "src/decap.c:4",
					CFlags: []string{"-Iinclude", "-DENABLE_GUE"}, CFlagLines: []int{5, 5}, Prefer: []string{"src/decap.c"}, Line: 2},
			},
		},
		{
			name: "inner maps",
			yaml: "- name: a\n  repo: /abs/repo\n  entry: f\n  inner_maps:\n    tenant_tables: hash:8:32\n    per_cpu: lru_hash:16:24:1024\n",
			want: []Extract{{Name: "a", Repo: "/abs/repo", RepoDir: "/abs/repo", Entry: "f", Line: 1,
				InnerMaps: map[string]string{"tenant_tables": "hash:8:32", "per_cpu": "lru_hash:16:24:1024"}}},
		},
		{
			name: "bare list of mappings",
			yaml: "- name: a\n  repo: /abs/repo\n  entry: f\n  cflags: [-DX, -DY]\n",
			want: []Extract{{Name: "a", Repo: "/abs/repo", RepoDir: "/abs/repo", Entry: "f", CFlags: []string{"-DX", "-DY"}, CFlagLines: []int{4, 4}, Line: 1}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse("testdata/opened.yaml", []byte(tc.yaml))
			if err != nil {
				t.Fatal(err)
			}
			for i := range tc.want {
				tc.want[i].RepoDir = filepath.FromSlash(tc.want[i].RepoDir)
			}
			if !reflect.DeepEqual(s.Extracts, tc.want) {
				t.Errorf("got  %+v\nwant %+v", s.Extracts, tc.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		line       int
		field, msg string
	}{
		{"empty", "  \n", 1, "", "spec is empty"},
		{"malformed tab", "extract:\n\t- a\n", 2, "", "malformed YAML: found character that cannot start any token"},
		{"unknown top key", "extract: []\ntransfrom: x\n", 2, "transfrom", "unknown top-level key"},
		{"no stages", "extract: []\n", 1, "extract", "no stages"},
		{"unknown key", "extract:\n  - name: a\n    repo: r\n    entry: f\n    entyr: g\n", 5, "entyr", "unknown key"},
		{"missing entry", "extract:\n  - name: a\n    repo: r\n", 2, "entry", "missing"},
		{"bad entry line", "- name: a\n  repo: r\n  entry: x.c:zero\n", 3, "entry", "not a positive number"},
		{"entry outside repo", "- name: a\n  repo: r\n  entry: ../x.c:3\n", 3, "entry", "relative to the repository"},
		{"bad name", "- name: a b\n  repo: r\n  entry: f\n", 1, "name", "use letters"},
		{"duplicate stage", "- name: a\n  repo: r\n  entry: f\n- name: a\n  repo: r\n  entry: g\n", 4, "name", "already defined at line 1"},
		{"pair arity", "- [r]\n", 1, "", "pair has 1 elements"},
		{"cflags type", "- name: a\n  repo: r\n  entry: f\n  cflags: {x: 1}\n", 4, "cflags", "want a string or a list"},
		{"scalar stage", "- just-a-string\n", 1, "", "stage: want"},
		{"inner_maps not a mapping", "- name: a\n  repo: r\n  entry: f\n  inner_maps: [hash:8:32]\n", 4, "inner_maps", "want a mapping"},
		{"inner_maps bad shape", "- name: a\n  repo: r\n  entry: f\n  inner_maps:\n    t: hash:8\n", 5, "inner_maps", "want TYPE:KEY_SIZE:VALUE_SIZE"},
		{"inner_maps bad name", "- name: a\n  repo: r\n  entry: f\n  inner_maps:\n    a-b: hash:8:8\n", 5, "inner_maps", "not a map name"},
		{"hdrs not a label", "- name: a\n  repo: r\n  entry: f\n  hdrs: [include/x.h]\n", 4, "hdrs", "not a Bazel label"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("opened.yaml", []byte(tc.yaml))
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want *Error", err)
			}
			if se.Line != tc.line || se.Field != tc.field || !strings.Contains(se.Msg, tc.msg) {
				t.Errorf("got %q (line %d field %q), want line %d field %q containing %q", err, se.Line, se.Field, tc.line, tc.field, tc.msg)
			}
			if !strings.HasPrefix(err.Error(), "opened.yaml") {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		name, yaml, msg string
	}{
		{"ok by line", "- name: a\n  repo: vendored/decap\n  entry: src/decap.c:3\n", ""},
		{"ok by name", "- name: a\n  repo: vendored/decap\n  entry: decap_main\n", ""},
		{"ok pair vendored beside spec", "- [https://example.com/x/vendored.git, vendored/decap/src/decap.c:3]\n", ""},
		{"pair vendored under third_party", "- [https://example.com/x/decap, decap/src/decap.c:3]\n", ""},
		{"pair not vendored", "- [https://example.com/x/elsewhere.git, elsewhere/src/decap.c:3]\n", "not vendored at"},
		{"missing repo", "- name: a\n  repo: vendored/nope\n  entry: f\n", "does not exist"},
		{"missing file", "- name: a\n  repo: vendored/decap\n  entry: src/nope.c:3\n", "file src/nope.c not found"},
		{"line past end", "- name: a\n  repo: vendored/decap\n  entry: src/decap.c:99\n", "line 99 is past its end"},
		{"unknown function", "- name: a\n  repo: vendored/decap\n  entry: no_such_fn\n", "function no_such_fn does not occur"},
		{"missing prefer", "- name: a\n  repo: vendored/decap\n  entry: decap_main\n  prefer: [x.c]\n", "file x.c not found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse("testdata/opened.yaml", []byte(tc.yaml))
			if err != nil {
				t.Fatal(err)
			}
			err = s.Validate()
			if tc.msg == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.msg) || !strings.HasPrefix(err.Error(), "testdata/opened.yaml:") {
				t.Fatalf("got %v, want an error at testdata/opened.yaml:N containing %q", err, tc.msg)
			}
		})
	}
}

func TestStage(t *testing.T) {
	s, err := Parse("o.yaml", []byte("- name: b\n  repo: r\n  entry: f\n- name: a\n  repo: r\n  entry: g\n"))
	if err != nil {
		t.Fatal(err)
	}
	if e, err := s.Stage("a"); err != nil || e.Entry != "g" {
		t.Fatalf("Stage(a) = %+v, %v", e, err)
	}
	if _, err := s.Stage("c"); err == nil || !strings.Contains(err.Error(), "stages: a, b") {
		t.Fatalf("Stage(c) error = %v", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("extract:\n  - name: a\n    repo: r\n    entry: f.c:1\n"))
	f.Add([]byte("- [r, r/f.c:2]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("f.yaml", data)
		if err == nil && len(s.Extracts) == 0 {
			t.Fatal("no error and no stages")
		}
	})
}
