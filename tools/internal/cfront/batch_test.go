package cfront

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opened-ebpf/opened/tools/internal/clanglog"
)

// batchRepo is a small repository whose units differ in what a parse must keep apart: each
// defines the same macro and static function differently, one declares a legacy map (its
// IR runs, started early from its text), one reaches its legacy map only through a header
// (its IR starts when its preprocessor stream tells), and one is not BPF C at all.
var batchRepo = map[string]string{
	"include/common.h": `#define SEC(n) __attribute__((section(n), used))
struct bpf_map_def { unsigned int type, key_size, value_size, max_entries; };
struct pkt { unsigned int len; };
`,
	"include/maps.h": `#include "common.h"
struct bpf_map_def SEC("maps") shared = { .type = 2, .key_size = 4, .value_size = sizeof(struct pkt), .max_entries = 8 };
`,
	"src/a.c": `#include "common.h"
#define LIMIT 10
static int pick(int x) { return x < LIMIT ? x : LIMIT; }
struct bpf_map_def SEC("maps") a_map = { .type = 1, .key_size = 4, .value_size = 8, .max_entries = LIMIT };
SEC("xdp") int prog_a(void *ctx) { return pick(3); }
`,
	"src/b.c": `#include "common.h"
#define LIMIT 20
static int pick(int x) { return x > LIMIT; }
SEC("tc") int prog_b(void *ctx) { return pick(30); }
`,
	"src/c.c": `#include "maps.h"
int global_c(int v) { return v + 1; }
`,
	"src/tool.c": `#include <stdio.h>
#include <missing_user_space_header.h>
int main(void) { return printf("hi\n"); }
`,
}

func writeRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestParseUnitsMatchesParse checks that a batch (one clang process per kind of output for
// several units) gives each unit exactly the model Parse gives it alone, and that a batch
// holding a unit clang rejects gives each unit Parse's result or error.
func TestParseUnitsMatchesParse(t *testing.T) {
	repo := writeRepo(t, batchRepo)
	// A clang that logs its runs, to count the AST and preprocessor runs.
	clang, logged := clanglog.Wrapper(t)
	o := Options{Repo: repo, CFlags: []string{"-Iinclude"}, Clang: clang}
	runs := func() int { return len(logged("-ast-dump=json", " -E ")) }
	ctx := context.Background()
	for _, tc := range []struct {
		name     string
		files    []string
		optional int
		parsed   int // units parsed (the others: optional ones dropped when the batch failed)
		runs     int // AST and preprocessor runs of clang
	}{
		{"three units", []string{"src/a.c", "src/b.c", "src/c.c"}, 0, 3, 2},
		{"reversed", []string{"src/c.c", "src/b.c", "src/a.c"}, 0, 3, 2},
		{"a rejected unit", []string{"src/a.c", "src/tool.c", "src/b.c"}, 0, 3, 2 + 3*2},
		{"optional units parsed", []string{"src/a.c", "src/b.c", "src/c.c"}, 2, 3, 2},
		{"optional units dropped with a failed batch", []string{"src/a.c", "src/b.c", "src/tool.c"}, 2, 1, 2 + 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			runs()
			tus, errs, err := ParseUnits(ctx, o, tc.files, tc.optional)
			if err != nil {
				t.Fatal(err)
			}
			if n := runs(); n != tc.runs {
				t.Errorf("%d AST and preprocessor runs of clang; want %d", n, tc.runs)
			}
			if len(tus) != len(tc.files) || len(errs) != len(tc.files) {
				t.Fatalf("%d models and %d errors for %d files", len(tus), len(errs), len(tc.files))
			}
			parsed := 0
			for i, f := range tc.files {
				if tus[i] == nil && errs[i] == nil {
					if i < len(tc.files)-tc.optional {
						t.Errorf("%s: neither parsed nor failed, but required", f)
					}
					continue
				}
				parsed++
				want, wantErr := Parse(ctx, o, f)
				if wantErr != nil {
					var ce *ClangError
					if !errors.As(errs[i], &ce) || !errors.As(wantErr, &ce) || errs[i].Error() != wantErr.Error() {
						t.Errorf("%s: error %v; Parse alone: %v", f, errs[i], wantErr)
					}
					continue
				}
				if errs[i] != nil {
					t.Errorf("%s: %v; Parse alone succeeds", f, errs[i])
					continue
				}
				got, _ := json.Marshal(tus[i])
				exp, _ := json.Marshal(want)
				if string(got) != string(exp) {
					t.Errorf("%s: the batch's model differs from Parse's:\n%s\nwant\n%s", f, got, exp)
				}
			}
			if parsed != tc.parsed {
				t.Errorf("%d units parsed or failed; want %d", parsed, tc.parsed)
			}
		})
	}
}

// TestSplitPP cuts consecutive preprocessor streams at their units' markers and refuses
// streams that do not match the units.
func TestSplitPP(t *testing.T) {
	mk := func(f, body string) string { return "# 1 \"" + f + "\"\n# 1 \"<built-in>\" 1\n" + body }
	all := mk("b.c", "int b;\n# 1 \"a.c\"\n") + mk("a.c", "int a;\n")
	parts, err := splitPP([]byte(all), []string{"b.c", "a.c"})
	if err != nil {
		t.Fatal(err)
	}
	if len(parts) != 2 || !strings.HasSuffix(string(parts[0]), "int b;\n# 1 \"a.c\"\n") || string(parts[1]) != mk("a.c", "int a;\n") {
		t.Errorf("parts %q", parts)
	}
	if _, err := splitPP([]byte(all), []string{"a.c", "b.c"}); err == nil {
		t.Error("streams in another order: no error")
	}
	if _, err := splitPP([]byte(mk("b.c", "int b;\n")), []string{"b.c", "a.c"}); err == nil {
		t.Error("a missing stream: no error")
	}
}
