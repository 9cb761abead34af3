package compose

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opened-ebpf/opened/tools/mcu"
	"github.com/opened-ebpf/opened/tools/pipeline"
)

// keptDirUnits holds units whose mcu.c is not self-contained: a system header it includes
// opens a repository header by name, so functions.json records the repository include
// directories every compile of mcu.c needs (repo, include_dirs). They are tools/transform's
// fixtures (our own small repositories and the units extracted from them; README.md there).
const keptDirUnits = "../transform/testdata/keptdirs/units"

func keptStage(name string) Stage {
	return Stage{Name: name, Dir: filepath.Join(keptDirUnits, name)}
}

// TestComposeKeptIncludeDirs composes units that keep repository include directories beside
// self-contained units, in several modes, loads every segment object in the kernel verifier,
// and checks that the pipeline's files hold no absolute path of the repositories. (lenclass
// is not here: it carries its own copy of the BPF UAPI, which no unit composes with yet, kept
// directories or not: the composed file includes the system <linux/bpf.h> first.)
func TestComposeKeptIncludeDirs(t *testing.T) {
	for _, tc := range []struct {
		name     string
		segments []Segment
	}{
		{"xdp-static-beside-decap", []Segment{{Hook: pipeline.HookXDP, Mode: "static", Stages: []Stage{stage("decap", 0), keptStage("regsum")}}}},
		{"xdp-tailcall-beside-acl", []Segment{{Hook: pipeline.HookXDP, Mode: "tailcall", Stages: []Stage{keptStage("regsum"), stage("acl", 0)}}}},
		{"tc-tcx-beside-ratelimit", []Segment{{Hook: pipeline.HookTCIngress, Mode: "tcx", Stages: []Stage{stage("ratelimit", 0), keptStage("tcmark")}}}},
		{"xdp-and-tc", []Segment{
			{Hook: pipeline.HookXDP, Mode: "static", Stages: []Stage{keptStage("regsum"), stage("flowobs", 0)}},
			{Hook: pipeline.HookTCIngress, Mode: "static", Stages: []Stage{keptStage("tcmark")}},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "pl")
			m, err := Compose(context.Background(), Config{Name: "kept", Mode: tc.segments[0].Mode, Counters: true, Segments: tc.segments}, out)
			if err != nil {
				t.Fatal(err)
			}
			for _, seg := range m.Segments {
				coll := loadObject(t, filepath.Join(out, seg.Object))
				for _, p := range seg.Programs {
					if coll.Programs[p] == nil {
						t.Errorf("segment %s: program %s not loaded", seg.Hook, p)
					}
				}
				t.Logf("segment %s (%s): programs %v verified", seg.Hook, seg.Mode, seg.Programs)
			}
			repos, err := filepath.Abs(filepath.Join(keptDirUnits, "..", "repos"))
			if err != nil {
				t.Fatal(err)
			}
			ents, err := os.ReadDir(out)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range ents {
				b, err := os.ReadFile(filepath.Join(out, e.Name()))
				if err != nil {
					t.Fatal(err)
				}
				if bytes.Contains(b, []byte(repos)) {
					t.Errorf("%s holds the absolute path %s", e.Name(), repos)
				}
			}
		})
	}
}

// TestComposeKeptIncludeDirsNeeded: without its include directories (what compose did before
// it read include_dirs) the unit does not compose; a unit copied away from its repository is
// refused naming the stage, functions.json and the directory.
func TestComposeKeptIncludeDirsNeeded(t *testing.T) {
	u, err := mcu.Read(filepath.Join(keptDirUnits, "regsum"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	u.Functions.Repo, u.Functions.IncludeDirs = "", nil
	if err := mcu.Write(filepath.Join(dir, "stripped"), u); err != nil {
		t.Fatal(err)
	}
	cfg := Config{Name: "kept", Mode: "static", Spec: "opened.yaml", Segments: []Segment{{Hook: pipeline.HookXDP, Mode: "static",
		Stages: []Stage{{Name: "regsum", Dir: filepath.Join(dir, "stripped"), Line: 4}}}}}
	if _, err := Compose(context.Background(), cfg, filepath.Join(dir, "pl")); err == nil {
		t.Error("regsum without include_dirs composed; the case does not need its kept directory")
	}

	moved := filepath.Join(dir, "x", "y", "moved")
	copyDir(t, filepath.Join(keptDirUnits, "regsum"), moved)
	cfg.Segments[0].Stages[0].Dir = moved
	out := filepath.Join(dir, "pl2")
	_, err = Compose(context.Background(), cfg, out)
	want := "opened.yaml:4: stage regsum: " + filepath.Join(moved, mcu.FunctionsFile) + ": include_dirs: include of the repository is not at"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("moved unit: error %v; want %q...", err, want)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("%s written after an error", out)
	}
}

// TestComposeKeptIncludeDirsClash: two stages whose kept include directories hold different
// headers of one name cannot share a segment (one compile, one search path): the error names
// both stages, the header and the fix. The same repository twice is fine.
func TestComposeKeptIncludeDirsClash(t *testing.T) {
	tmp := t.TempDir()
	// regsum2: regsum extracted from a copy of its repository whose <asm/types.h> differs.
	repo2 := filepath.Join(tmp, "repo2")
	for _, f := range []string{"include/asm/types.h", "src/regsum.c"} {
		b, err := os.ReadFile(filepath.Join(keptDirUnits, "..", "repos", "regsum", f))
		if err != nil {
			t.Fatal(err)
		}
		if f == "include/asm/types.h" {
			b = append(b, "/* another project's copy */\n"...)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(repo2, f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(repo2, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	u, err := mcu.Read(filepath.Join(keptDirUnits, "regsum"))
	if err != nil {
		t.Fatal(err)
	}
	same := filepath.Join(tmp, "units", "same")
	if err := mcu.Write(same, u); err != nil {
		t.Fatal(err)
	}
	u.Functions.Repo = repo2
	other := filepath.Join(tmp, "units", "regsum2")
	if err := mcu.Write(other, u); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, dir, err string
	}{
		{"same repository", same, ""},
		{"other copy", other, "opened.yaml:5: stages regsum and regsum2 cannot share the xdp segment: both keep repository include directories (functions.json include_dirs) holding a different asm/types.h"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := Config{Name: "kept", Mode: "static", Spec: "opened.yaml", Segments: []Segment{{Hook: pipeline.HookXDP, Mode: "static",
				Stages: []Stage{{Name: "regsum", Dir: filepath.Join(keptDirUnits, "regsum"), Line: 4}, {Name: filepath.Base(tc.dir), Dir: tc.dir, Line: 5}}}}}
			out := filepath.Join(t.TempDir(), "pl")
			m, err := Compose(context.Background(), cfg, out)
			if tc.err == "" {
				if err != nil {
					t.Fatal(err)
				}
				loadObject(t, filepath.Join(out, m.Segments[0].Object))
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), tc.err) {
				t.Fatalf("error %v; want %q...", err, tc.err)
			}
		})
	}
}
