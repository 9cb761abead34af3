package extract

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/opened-ebpf/opened/tools/index"
)

// A repository with a BPF entry, a global subprogram in another unit, a header they share,
// and user-space files: only files that cannot change the unit are listed unused, and
// CheckUnused notices an unused file that starts to matter.
func TestUnusedInputs(t *testing.T) {
	files := map[string]string{
		"include/common.h": "#define SEC(n) __attribute__((section(n), used))\nstruct pkt_md { int len; };\nint count_bytes(int len);\n",
		"src/prog.c": "#include <linux/bpf.h>\n#include \"../include/common.h\"\n" +
			"SEC(\"xdp\") int xdp_entry(struct xdp_md *ctx) { return count_bytes(ctx->data_end - ctx->data) ? XDP_PASS : XDP_DROP; }\n" +
			"char _license[] SEC(\"license\") = \"GPL\";\n",
		"src/lib.c":       "#include \"../include/common.h\"\n__attribute__((noinline)) int count_bytes(int len) { return len > 64; }\n",
		"tools/cli.c":     "#include \"cli.h\"\nint main(void) { return cli_run(); }\n",
		"tools/cli.h":     "int cli_run(void);\n",
		"tools/dump.c":    "#include \"cli.h\"\nint cli_run(void) { return 0; }\n",
		"tools/mention.c": "/* calls count_bytes? no: */ int count_bytes_user(void) { return 0; }\nint count_bytes;\n",
		"other/unused.h":  "struct unrelated { int x; };\n",
	}
	repo := t.TempDir()
	write := func(f, text string) {
		p := filepath.Join(repo, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for f, text := range files {
		write(f, text)
	}
	res, err := Run(context.Background(), Options{Repo: repo, Entry: "xdp_entry", DB: ":memory:", Out: filepath.Join(t.TempDir(), "u"), Unused: true})
	if err != nil {
		t.Fatal(err)
	}
	// tools/mention.c mentions count_bytes (as a global): it may define the name, so it is used.
	want := []string{"other/unused.h", "tools/cli.c", "tools/cli.h", "tools/dump.c"}
	if !reflect.DeepEqual(res.Unused, want) {
		t.Fatalf("unused = %v, want %v (deps %+v)", res.Unused, want, res.Deps)
	}
	for _, tc := range []struct {
		name, file, text string
		stale            []string
	}{
		{"edit keeps names out", "tools/cli.c", "#include \"cli.h\"\nint main(void) { int r = cli_run(); return r + 1; }\n", nil},
		{"comment mentioning a name", "tools/dump.c", "#include \"cli.h\"\n/* count_bytes */ int cli_run(void) { return 0; }\n", nil},
		{"new definition of a unit function", "tools/dump.c", "int count_bytes(int len) { return len; }\n", []string{"tools/dump.c"}},
		{"header starts to mention a name", "tools/cli.h", "int cli_run(void);\nint count_bytes(int len);\n", []string{"tools/cli.c", "tools/cli.h", "tools/dump.c"}},
		{"include of a used header", "tools/cli.c", "#include \"common.h\"\nint main(void) { return 0; }\n", []string{"tools/cli.c"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old := files[tc.file]
			write(tc.file, tc.text)
			defer write(tc.file, old)
			got, err := index.CheckUnused(repo, nil, res.Deps, res.Unused)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.stale) {
				t.Errorf("stale = %v, want %v", got, tc.stale)
			}
		})
	}
}
