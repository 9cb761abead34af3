package extract

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/opened-ebpf/opened/tools/internal/cfront"
	"github.com/opened-ebpf/opened/tools/mcu"
)

// TestViaSystem: the repository files of a unit that clang entered from inside a system header
// are those no chain of repository #include lines reaches from the unit's file.
func TestViaSystem(t *testing.T) {
	inc := func(from, to string, system bool) cfront.Include {
		return cfront.Include{From: from, To: to, System: system}
	}
	for _, tc := range []struct {
		name string
		tu   cfront.TU
		want string
	}{
		{
			name: "only repository includes",
			tu: cfront.TU{File: "src/a.c", Includes: []cfront.Include{
				inc("src/a.c", "include/linux/bpf.h", false),
				inc("include/linux/bpf.h", "include/linux/types.h", false),
				inc("include/linux/types.h", "/usr/include/x86_64-linux-gnu/asm/types.h", true),
			}, Decls: []cfront.Decl{{File: "include/linux/bpf.h"}, {File: "src/a.c"}}},
			want: "",
		},
		{
			name: "header a system header includes, and what it includes",
			tu: cfront.TU{File: "src/a.c", Includes: []cfront.Include{
				inc("src/a.c", "include/linux/types.h", false),
				inc("include/linux/types.h", "/usr/include/x86_64-linux-gnu/asm/types.h", true),
				// asm/types.h -> include/asm-generic/types.h is not recorded (from a system header).
				inc("include/asm-generic/types.h", "include/asm-generic/int-ll64.h", false),
				inc("include/asm-generic/int-ll64.h", "/usr/include/x86_64-linux-gnu/asm/bitsperlong.h", true),
			}, Decls: []cfront.Decl{{File: "include/asm-generic/int-ll64.h"}, {File: "src/a.c"}}},
			want: "include/asm-generic/int-ll64.h include/asm-generic/types.h",
		},
		{
			name: "header with only macros, known by its macros and active lines",
			tu: cfront.TU{File: "src/a.c", Includes: []cfront.Include{
				inc("src/a.c", "/usr/include/linux/if_tun.h", true),
			}, Macros: []cfront.Macro{{Name: "X", File: "<command line>"}, {Name: "ETH_ALEN", File: "include/linux/if_ether.h"}},
				Active: map[string][]cfront.LineRange{"src/a.c": {{First: 1, Last: 9}}, "include/linux/if_ether.h": {{First: 1, Last: 3}}}},
			want: "include/linux/if_ether.h",
		},
		{
			name: "header entered twice, once from the repository",
			tu: cfront.TU{File: "src/a.c", Includes: []cfront.Include{
				inc("src/a.c", "lib/t.h", false),
				inc("src/a.c", "lib/t.h", false),
			}, Decls: []cfront.Decl{{File: "lib/t.h"}}},
			want: "",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := &extractor{}
			var got []string
			for f := range x.viaSystem(&unit{tu: &tc.tu}) {
				got = append(got, f)
			}
			sort.Strings(got)
			if strings.Join(got, " ") != tc.want {
				t.Errorf("viaSystem = %q; want %q", strings.Join(got, " "), tc.want)
			}
		})
	}
}

// TestKeptIncludeDirOutputs: a unit compiled with a kept repository include directory
// (real_header_via_system) is the same wherever the unit is written, and mcu.o names the
// kept headers as functions.json names files (relative to the repository), never by where
// the repository or the unit lies.
func TestKeptIncludeDirOutputs(t *testing.T) {
	const name = "real_header_via_system"
	c := loadCases(t)[name]
	tmp := t.TempDir()
	var outs []string
	for _, sub := range []string{"a", filepath.Join("b", "c", "d")} {
		out := filepath.Join(tmp, sub, "mcu")
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			t.Fatal(err)
		}
		if _, err := Run(context.Background(), Options{Repo: filepath.Join("testdata", name), Entry: c.Entry, CFlags: c.CFlags,
			DB: filepath.Join(tmp, sub, "index.db"), Out: out}); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, out)
	}
	abs, err := filepath.Abs(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"mcu.c", "mcu.o"} {
		a, err := os.ReadFile(filepath.Join(outs[0], f))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(outs[1], f))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between units written at different depths", f)
		}
		for _, p := range []string{abs, "testdata/" + name, tmp} {
			if bytes.Contains(a, []byte(p)) {
				t.Errorf("%s contains %s", f, p)
			}
		}
	}
	o, err := os.ReadFile(filepath.Join(outs[0], "mcu.o"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(o, []byte("include/asm-generic")) {
		t.Error("mcu.o's debug information does not name include/asm-generic (the kept header)")
	}
	// functions.json records the kept directory for the later stages, relative to each unit.
	for _, out := range outs {
		u, err := mcu.Read(out)
		if err != nil {
			t.Fatal(err)
		}
		if u.Functions.Repo != abs || len(u.Functions.IncludeDirs) != 1 || u.Functions.IncludeDirs[0] != (mcu.IncludeDir{Flag: "-I", Dir: "include"}) {
			t.Errorf("%s: repo %q include_dirs %+v; want %s and [{-I include}]", out, u.Functions.Repo, u.Functions.IncludeDirs, abs)
		}
	}
}

// TestKeptDirsFixturesCurrent extracts the units that tools/transform and tools/compose test
// with (tools/transform/testdata/keptdirs, units keeping a repository include directory)
// beside their committed copies and checks that every file, mcu.o included, is what the
// extractor writes today: the fixtures must be refreshed (their README says how) when the
// extractor's output changes.
func TestKeptDirsFixturesCurrent(t *testing.T) {
	root := filepath.Join("..", "transform", "testdata", "keptdirs")
	for _, c := range []struct {
		name, entry string
		cflags      []string
	}{
		{"regsum", "xdp_regsum", []string{"-Iinclude"}},
		{"lenclass", "xdp_lenclass", []string{"-nostdinc", "-Iinclude"}},
		{"tcmark", "tc_tcmark", []string{"-I."}},
	} {
		t.Run(c.name, func(t *testing.T) {
			// The same depth below a copy of the repositories, so that the recorded relative
			// repository path is the committed one.
			tmp := t.TempDir()
			if err := os.CopyFS(filepath.Join(tmp, "repos"), os.DirFS(filepath.Join(root, "repos"))); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(tmp, "units", c.name)
			if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
				t.Fatal(err)
			}
			if _, err := Run(context.Background(), Options{Repo: filepath.Join(tmp, "repos", c.name), Entry: c.entry, CFlags: c.cflags,
				DB: ":memory:", Out: out}); err != nil {
				t.Fatal(err)
			}
			for _, f := range []string{"mcu.c", "mcu.o", "functions.json", "maps.json", "warnings.json"} {
				got, err := os.ReadFile(filepath.Join(out, f))
				if err != nil {
					t.Fatal(err)
				}
				want, err := os.ReadFile(filepath.Join(root, "units", c.name, f))
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s/%s differs from what opened extract writes today: refresh the fixtures (%s/README.md)", c.name, f, root)
				}
			}
		})
	}
}
