package mcu

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeUnit writes a minimal unit with the given functions.json into dir.
func writeUnit(t *testing.T, dir, functions string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{FunctionsFile: functions, MapsFile: `{"maps":[]}`, WarningsFile: `{"warnings":[]}`,
		SourceFile: "int x;\n", ObjectFile: ""} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestIncludeDirsRead: repo and include_dirs are optional together; Read resolves repo against
// the unit directory, CompileFlags gives the directories with a debug prefix map, and a unit
// written elsewhere records repo relative to its new place. Malformed fields are errors
// naming functions.json.
func TestIncludeDirsRead(t *testing.T) {
	tmp := t.TempDir()
	repo := filepath.Join(tmp, "src", "repo")
	for _, d := range []string{"include", "arch/x86/include"} {
		if err := os.MkdirAll(filepath.Join(repo, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	const head = `{"entry":"f","section":"xdp","functions":[]`
	for _, tc := range []struct {
		name, extra string
		flags       []string // "" entries stand for the repository root
		err         string
	}{
		{"self-contained", ``, nil, ""},
		{"kept", `,"repo":"../src/repo","include_dirs":[{"flag":"-I","dir":"include"},{"flag":"-idirafter","dir":"arch/x86/include"}]`,
			[]string{"-I", "include", "-idirafter", "arch/x86/include"}, ""},
		{"root", `,"repo":"../src/repo","include_dirs":[{"flag":"-iquote","dir":"."}]`, []string{"-iquote", "."}, ""},
		{"no repo", `,"include_dirs":[{"flag":"-I","dir":"include"}]`, nil, "include_dirs without repo"},
		{"no dirs", `,"repo":"../src/repo"`, nil, `repo "../src/repo" without include_dirs`},
		{"absolute repo", `,"repo":"/src/repo","include_dirs":[{"flag":"-I","dir":"include"}]`, nil, "must be relative to the unit directory"},
		{"bad flag", `,"repo":"../src/repo","include_dirs":[{"flag":"-L","dir":"include"}]`, nil, `flag "-L"`},
		{"dir outside", `,"repo":"../src/repo","include_dirs":[{"flag":"-I","dir":"../other"}]`, nil, `dir "../other": want a directory inside the repository`},
		{"missing dir", `,"repo":"../src/repo","include_dirs":[{"flag":"-I","dir":"gone"}]`, nil, "include_dirs: gone of the repository is not at"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(tmp, strings.ReplaceAll(tc.name, " ", "_"))
			writeUnit(t, dir, head+tc.extra+"}")
			u, err := Read(dir)
			var flags []string
			if err == nil {
				flags, err = u.CompileFlags()
			}
			if tc.err != "" {
				var fe *FormatError
				if err == nil || !strings.Contains(err.Error(), tc.err) || !errors.As(err, &fe) || fe.Path != filepath.Join(dir, FunctionsFile) {
					t.Fatalf("error %v; want a *FormatError on %s saying %q", err, filepath.Join(dir, FunctionsFile), tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for i := 0; i < len(tc.flags); i += 2 {
				want = append(want, tc.flags[i], filepath.Join(repo, tc.flags[i+1]))
			}
			if want != nil {
				want = append(want, "-fdebug-prefix-map="+repo+"/=")
			}
			if strings.Join(flags, " ") != strings.Join(want, " ") {
				t.Errorf("CompileFlags = %q; want %q", flags, want)
			}
			// Written two levels deeper, the unit still names the same repository.
			out := filepath.Join(tmp, "out", tc.name, "a", "b")
			if err := Write(out, u); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join(out, FunctionsFile))
			if err != nil {
				t.Fatal(err)
			}
			var raw Functions
			if err := json.Unmarshal(b, &raw); err != nil {
				t.Fatal(err)
			}
			wantRepo := ""
			if tc.flags != nil {
				wantRepo = "../../../../src/repo"
			}
			if raw.Repo != wantRepo {
				t.Errorf("written repo %q; want %q", raw.Repo, wantRepo)
			}
			if tc.flags == nil && strings.Contains(string(b), "include_dirs") {
				t.Errorf("a self-contained unit's functions.json has include_dirs:\n%s", b)
			}
			back, err := Read(out)
			if err != nil {
				t.Fatal(err)
			}
			if back.Functions.Repo != u.Functions.Repo {
				t.Errorf("read back: repo %q; want %q", back.Functions.Repo, u.Functions.Repo)
			}
		})
	}
}
