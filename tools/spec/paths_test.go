package spec

import (
	"os"
	"path/filepath"
	"testing"
)

// TestCFlagsRefused: flags outside the policy are refused at parse time with the YAML line of
// the offending word.
func TestCFlagsRefused(t *testing.T) {
	for _, tc := range []struct {
		name, yaml, err string
	}{
		{"plugin in list", "- name: a\n  repo: r\n  entry: f\n  cflags:\n    - -Iinclude\n    - -fplugin=x.so\n",
			"o.yaml:6: cflags: -fplugin=x.so: loads a compiler plugin (flags from a spec may set include directories, macros, warnings and code generation only)"},
		{"Xclang load in string", "- name: a\n  repo: r\n  entry: f\n  cflags: -DX -Xclang -load -Xclang x.so\n",
			"o.yaml:4: cflags: -Xclang: passes options to the compiler front end unchecked (flags from a spec may set include directories, macros, warnings and code generation only)"},
		{"output file", "- name: a\n  repo: r\n  entry: f\n  cflags: [-o, /tmp/victim]\n",
			"o.yaml:4: cflags: -o: names an output file (OPENED chooses its outputs) (flags from a spec may set include directories, macros, warnings and code generation only)"},
		{"forced include outside", "- name: a\n  repo: r\n  entry: f\n  cflags: [-include, /etc/shadow]\n",
			"o.yaml:4: cflags: -include: forced include must be a file the sources could include themselves: a relative path without \"..\" (flags from a spec may set include directories, macros, warnings and code generation only)"},
		{"response file", "extract:\n  - name: a\n    repo: r\n    entry: f\n    cflags:\n      - '@flags.rsp'\n",
			"o.yaml:6: cflags: @flags.rsp: is a response file: write the flags themselves (flags from a spec may set include directories, macros, warnings and code generation only)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("o.yaml", []byte(tc.yaml))
			if err == nil || err.Error() != tc.err {
				t.Fatalf("got %v\nwant %s", err, tc.err)
			}
		})
	}
}

// TestPathsInWorkspace: repositories and include directories stay inside the workspace unless
// the CLI opts out; a repository that is a symbolic link to a directory works.
func TestPathsInWorkspace(t *testing.T) {
	top := t.TempDir()
	ws := filepath.Join(top, "ws")
	outside := filepath.Join(top, "outside")
	for _, d := range []string{filepath.Join(ws, "specs"), filepath.Join(ws, "third_party", "r", "include"), filepath.Join(outside, "src")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(ws, "WORKSPACE"), nil, 0o644))
	must(os.WriteFile(filepath.Join(ws, "third_party", "r", "prog.c"), []byte("int prog_main(void) { return 0; }\n"), 0o644))
	must(os.WriteFile(filepath.Join(outside, "src", "o.c"), []byte("int out_main(void) { return 0; }\n"), 0o644))
	// A vendored repository that is a link to a directory outside the workspace.
	must(os.Symlink(outside, filepath.Join(ws, "third_party", "linked")))
	specPath := filepath.Join(ws, "specs", "opened.yaml")
	for _, tc := range []struct {
		name, yaml   string
		allowOutside bool
		err          string
	}{
		{"inside", "- name: a\n  repo: ../third_party/r\n  entry: prog_main\n  cflags: [-Iinclude]\n", false, ""},
		{"repo outside", "- name: a\n  repo: ../../outside\n  entry: out_main\n", false,
			specPath + ":1: repo: ../../outside is outside the workspace " + ws + "; vendor the repository inside it (or pass --unsafe-paths)"},
		{"repo outside allowed", "- name: a\n  repo: ../../outside\n  entry: out_main\n", true, ""},
		{"absolute repo outside", "- name: a\n  repo: " + outside + "\n  entry: out_main\n", false,
			specPath + ":1: repo: " + outside + " is outside the workspace " + ws + "; vendor the repository inside it (or pass --unsafe-paths)"},
		{"include dir outside", "- name: a\n  repo: ../third_party/r\n  entry: prog_main\n  cflags:\n    - -Iinclude\n    - -isystem\n    - /usr/include\n", false,
			specPath + ":6: cflags: -isystem /usr/include: include directory is outside the workspace " + ws + " (or pass --unsafe-paths)"},
		{"include dir escapes by dots", "- name: a\n  repo: ../third_party/r\n  entry: prog_main\n  cflags: -I../../../..\n", false,
			specPath + ":4: cflags: -I../../../..: include directory is outside the workspace " + ws + " (or pass --unsafe-paths)"},
		{"symlinked repository", "- name: a\n  repo: ../third_party/linked\n  entry: out_main\n", false, ""},
		{"symlinked repository by file", "- name: a\n  repo: ../third_party/linked\n  entry: src/o.c:1\n", false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse(specPath, []byte(tc.yaml))
			if err != nil {
				t.Fatal(err)
			}
			s.AllowOutside = tc.allowOutside
			err = s.Validate()
			switch {
			case tc.err == "" && err != nil:
				t.Fatal(err)
			case tc.err != "" && (err == nil || err.Error() != tc.err):
				t.Fatalf("got %v\nwant %s", err, tc.err)
			}
		})
	}
}

// TestParseDiagnostics: errors that used to mislead or be missing name the right line.
func TestParseDiagnostics(t *testing.T) {
	for _, tc := range []struct {
		name, yaml, err string
	}{
		{"extract twice", "extract:\n  - {name: a, repo: r, entry: f}\nextract:\n  - {name: b, repo: r, entry: g}\n",
			"o.yaml:3: extract: given twice (first at line 1)"},
		{"bad flow list", "- name: a\n  repo: r\n  entry: f\n  cflags: [-DX, -DY\n",
			"o.yaml:4: malformed YAML: did not find expected ',' or ']'"},
		{"bad flow list nested", "extract:\n  - name: a\n    repo: r\n    entry: f\n    cflags: [a, b, {c}\n",
			"o.yaml:5: malformed YAML: did not find expected ',' or ']'"},
		{"not UTF-8", "- name: a\n  repo: r\n  entry: f\xff\n",
			"o.yaml:3: not UTF-8 text: byte 0xff at column 11"},
		{"pair entry name with shell characters", "- [r, \"dir/a b;$(x).c:4\"]\n",
			"o.yaml:1: entry: stage name \"a b;$(x)_4\" derived from the entry: use letters, digits, '_', '-', '.' (or give the stage a name with the mapping form)"},
		{"named form same rule", "- name: \"a b;$(x)_4\"\n  repo: r\n  entry: f\n",
			"o.yaml:1: name: \"a b;$(x)_4\": use letters, digits, '_', '-', '.'"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("o.yaml", []byte(tc.yaml))
			if err == nil || err.Error() != tc.err {
				t.Fatalf("got %v\nwant %s", err, tc.err)
			}
		})
	}
	// A UTF-8 function name is a C identifier.
	for _, entry := range []string{"fünf", "z\u00e4hler_main", "a$b"} {
		if e, err := ParseEntry(entry); err != nil || e.Function != entry {
			t.Errorf("ParseEntry(%q) = %+v, %v; want the function", entry, e, err)
		}
	}
}
