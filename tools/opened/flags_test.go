package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestFlagPolicy: flags that would run other code, write files or read files the sources do
// not are refused from --cflags (unless --unsafe-cflags), from a spec and from a Bazel config,
// naming the flag and where it came from; nothing is written and the files named are untouched.
func TestFlagPolicy(t *testing.T) {
	tmp := t.TempDir()
	abs, err := filepath.Abs(corpus)
	if err != nil {
		t.Fatal(err)
	}
	chain := filepath.Join(abs, "inline_chain")
	write := func(p, s string) string {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	victim := write(filepath.Join(tmp, "victim.txt"), "user data\n")
	write(filepath.Join(tmp, "ws", "WORKSPACE"), "")
	pluginSpec := write(filepath.Join(tmp, "ws", "plugin.yaml"), "extract:\n  - name: chain\n    repo: "+chain+
		"\n    entry: xdp_filter\n    cflags:\n      - -Iinclude\n      - -fplugin=/tmp/evil.so\n")
	outsideSpec := write(filepath.Join(tmp, "ws", "outside.yaml"), "extract:\n  - name: chain\n    repo: "+chain+
		"\n    entry: xdp_filter\n    cflags: [-Iinclude]\n")
	config := func(name string, c map[string]any) string {
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		return write(filepath.Join(tmp, name), string(b))
	}
	xclangCfg := config("xclang.json", map[string]any{"repo": chain, "entry": "xdp_filter", "cflags": []string{"-Iinclude", "-Xclang", "-load"}})
	defineCfg := config("define.json", map[string]any{"repo": chain, "entry": "xdp_filter", "cflags": []string{"-Iinclude"}, "defines": []string{"1BAD"}})
	foreignDB := filepath.Join(tmp, "notes.db")
	func() {
		db, err := sql.Open("sqlite3", foreignDB)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec(`CREATE TABLE files(name TEXT); CREATE TABLE maps(k TEXT); INSERT INTO files VALUES ('precious')`); err != nil {
			t.Fatal(err)
		}
	}()
	out := filepath.Join(tmp, "out")
	extract := func(args ...string) []string {
		return append([]string{"extract", "--repo", chain, "--entry", "xdp_filter", "--out", out, "--db", filepath.Join(tmp, "index.db")}, args...)
	}
	for _, tc := range []struct {
		name   string
		args   []string
		err    string // exact; "" for success
		stdout string
	}{
		{"plugin", extract("--cflags", "-Iinclude -fplugin=/tmp/evil.so"),
			"--cflags: -fplugin=/tmp/evil.so: loads a compiler plugin (pass --unsafe-cflags to allow it)", ""},
		{"Xclang load", extract("--cflags", "-Xclang -load -Xclang /tmp/evil.so"),
			"--cflags: -Xclang: passes options to the compiler front end unchecked (pass --unsafe-cflags to allow it)", ""},
		{"output file", extract("--cflags", "-o "+victim),
			"--cflags: -o: names an output file (OPENED chooses its outputs) (pass --unsafe-cflags to allow it)", ""},
		{"forced include of a secret", extract("--cflags", "-include /etc/shadow"),
			"--cflags: -include: forced include must be a file the sources could include themselves: a relative path without \"..\" (pass --unsafe-cflags to allow it)", ""},
		{"response file", extract("--cflags", "@"+victim),
			"--cflags: @" + victim + ": is a response file: write the flags themselves (pass --unsafe-cflags to allow it)", ""},
		{"index refuses too", []string{"index", "--repo", chain, "--db", filepath.Join(tmp, "i.db"), "--cflags", "-B/tmp"},
			"--cflags: -B/tmp: makes clang run programs from another directory (pass --unsafe-cflags to allow it)", ""},
		{"spec plugin", []string{"extract", "--spec", pluginSpec, "--out", out},
			pluginSpec + ":7: cflags: -fplugin=/tmp/evil.so: loads a compiler plugin (flags from a spec may set include directories, macros, warnings and code generation only)", ""},
		{"spec plugin is not unlocked by --unsafe-cflags", []string{"extract", "--unsafe-cflags", "--spec", pluginSpec, "--out", out},
			pluginSpec + ":7: cflags: -fplugin=/tmp/evil.so: loads a compiler plugin (flags from a spec may set include directories, macros, warnings and code generation only)", ""},
		{"spec repository outside the workspace", []string{"extract", "--spec", outsideSpec, "--out", out},
			outsideSpec + ":2: repo: " + chain + " is outside the workspace " + filepath.Join(tmp, "ws") + "; vendor the repository inside it (or pass --unsafe-paths)", ""},
		{"config Xclang", []string{"extract", "--config", xclangCfg, "--out", out},
			xclangCfg + ": cflags: -Xclang: passes options to the compiler front end unchecked", ""},
		{"config define", []string{"extract", "--config", defineCfg, "--out", out},
			defineCfg + ": defines: -D1BAD: \"1BAD\" is not NAME or NAME=VALUE", ""},
		{"foreign database", []string{"index", "--repo", chain, "--cflags", "-Iinclude", "--db", foreignDB},
			foreignDB + ": not an OPENED index (no schema entry); refusing to change it: choose another --db", ""},
		// Opt-ins, CLI only.
		{"unsafe cflags", extract("--unsafe-cflags", "--cflags", "-Iinclude -Xclang -fno-pch-timestamp"), "", "extracted xdp_filter (section xdp)"},
		{"unsafe paths", []string{"extract", "--unsafe-paths", "--spec", outsideSpec, "--out", out}, "", "extracted xdp_filter (section xdp)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os.RemoveAll(out)
			before, _ := os.ReadFile(victim)
			dbBefore, _ := os.ReadFile(foreignDB)
			var stdout, stderr bytes.Buffer
			err := run(tc.args, &stdout, &stderr)
			if tc.err == "" {
				if err != nil {
					t.Fatalf("run: %v\nstderr: %s", err, stderr.String())
				}
				if !bytes.Contains(stdout.Bytes(), []byte(tc.stdout)) || tc.stdout == "" {
					t.Errorf("stdout %q; want %q", stdout.String(), tc.stdout)
				}
				return
			}
			if err == nil || err.Error() != tc.err {
				t.Fatalf("error %v\nwant  %s", err, tc.err)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s written by a refused run", out)
			}
			if after, _ := os.ReadFile(victim); !bytes.Equal(after, before) {
				t.Errorf("victim file changed: %q", after)
			}
			if after, _ := os.ReadFile(foreignDB); !bytes.Equal(after, dbBefore) {
				t.Errorf("foreign database changed")
			}
		})
	}
}

// TestSymlinkedRepository: a repository that is a symbolic link to a directory is extracted
// from, by function name and by file:line, directly and through a spec.
func TestSymlinkedRepository(t *testing.T) {
	tmp := t.TempDir()
	abs, err := filepath.Abs(filepath.Join(corpus, "inline_chain"))
	if err != nil {
		t.Fatal(err)
	}
	ws := filepath.Join(tmp, "ws")
	if err := os.MkdirAll(filepath.Join(ws, "third_party"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(ws, "WORKSPACE"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(ws, "third_party", "chain")
	if err := os.Symlink(abs, link); err != nil {
		t.Fatal(err)
	}
	spec := filepath.Join(ws, "opened.yaml")
	if err := os.WriteFile(spec, []byte("extract:\n  - name: chain\n    repo: third_party/chain\n    entry: xdp_filter\n    cflags: [-Iinclude]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"by name", []string{"extract", "--repo", link, "--cflags", "-Iinclude", "--entry", "xdp_filter"}},
		{"spec", []string{"extract", "--spec", spec, "--stage", "chain"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(tmp, "out-"+filepath.Base(t.Name()))
			var stdout, stderr bytes.Buffer
			args := append(tc.args, "--out", out, "--db", filepath.Join(tmp, "i.db"))
			if err := run(args, &stdout, &stderr); err != nil {
				t.Fatalf("%v\n%s", err, stderr.String())
			}
			if !bytes.Contains(stdout.Bytes(), []byte("extracted xdp_filter (section xdp)")) {
				t.Errorf("stdout %q", stdout.String())
			}
		})
	}
}
