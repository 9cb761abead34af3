package opened

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// go119Default is the Go that rules_go uses to build //:gazelle (Debian's golang-1.19-go).
const go119Default = "/usr/lib/go-1.19/bin/go"

// nestedEnv marks the Go 1.19 run TestGo119 starts, so that it does not start another.
const nestedEnv = "OPENED_GO119_NESTED"

// TestGo119 type-checks and tests this package and tools/spec with Go 1.19 and cgo off, as
// //:gazelle_binary compiles them: the module says a newer go, so a copy of both packages is
// put in a module that says go 1.19, with the same requirements, built offline from the
// module cache.
func TestGo119(t *testing.T) {
	if os.Getenv(nestedEnv) != "" {
		t.Log("running inside TestGo119's own Go 1.19 run")
		return
	}
	goBin := os.Getenv("OPENED_GO119")
	if goBin == "" {
		goBin = go119Default
	}
	if _, err := os.Stat(goBin); err != nil {
		t.Fatalf("Go 1.19 not found at %s (install golang-1.19-go or set OPENED_GO119): %v", goBin, err)
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	gomod = regexp.MustCompile(`(?m)^go [0-9.]+$`).ReplaceAll(gomod, []byte("go 1.19"))
	gomod = regexp.MustCompile(`(?m)^toolchain .*$`).ReplaceAll(gomod, nil)
	if err := os.WriteFile(filepath.Join(tmp, "go.mod"), gomod, 0o644); err != nil {
		t.Fatal(err)
	}
	copyTree(t, filepath.Join(root, "go.sum"), filepath.Join(tmp, "go.sum"))
	copyTree(t, filepath.Join(root, "tools", "spec"), filepath.Join(tmp, "tools", "spec"))
	// tools/spec checks cflags with the one flag policy.
	copyTree(t, filepath.Join(root, "tools", "internal", "cflags"), filepath.Join(tmp, "tools", "internal", "cflags"))
	// The workspace marker: tools/spec keeps repositories inside the workspace it finds.
	copyTree(t, filepath.Join(root, "WORKSPACE"), filepath.Join(tmp, "WORKSPACE"))
	copyTree(t, filepath.Join(root, "gazelle_ext"), filepath.Join(tmp, "gazelle_ext"))

	env := []string{"GOTOOLCHAIN=local", "GOFLAGS=-mod=mod", "GOPROXY=off", "GOSUMDB=off", "GOWORK=off", "CGO_ENABLED=0", nestedEnv + "=1"}
	for _, kv := range os.Environ() {
		if k := kv[:strings.IndexByte(kv+"=", '=')]; k == "HOME" || k == "PATH" || k == "GOPATH" || k == "GOMODCACHE" || k == "GOCACHE" || k == "TMPDIR" {
			env = append(env, kv)
		}
	}
	for _, args := range [][]string{
		{"version"},
		{"vet", "./gazelle_ext/", "./tools/spec/"},
		{"test", "-count=1", "./gazelle_ext/", "./tools/spec/"},
	} {
		cmd := exec.Command(goBin, args...)
		cmd.Dir, cmd.Env = tmp, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		if args[0] == "version" && !strings.Contains(string(out), "go1.19") {
			t.Fatalf("%s is %s; want go1.19", goBin, out)
		}
	}
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		if info.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
