package opened

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/language"
	"github.com/bazelbuild/bazel-gazelle/rule"
)

// helperEnv makes the test binary run one of the public entry points on a failing case and
// exit, so that TestFatal can watch the process end the way Gazelle's does.
const helperEnv = "OPENED_GAZELLE_HELPER"

func TestMain(m *testing.M) {
	if which := os.Getenv(helperEnv); which != "" {
		runHelper(which)
		os.Stdout.WriteString("helper returned\n")
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func runHelper(which string) {
	lang := NewLanguage()
	c := config.New()
	lang.RegisterFlags(nil, "update", c)
	switch which {
	case "directive":
		f, err := rule.LoadData("BUILD.bazel", "", []byte("# gazelle:opened_verify_tests maybe\n"))
		if err != nil {
			panic(err)
		}
		lang.Configure(c, "", f)
	case "spec":
		dir, err := filepath.Abs(filepath.Join("testdata", "err_unknown_key"))
		if err != nil {
			panic(err)
		}
		c.RepoRoot = dir
		lang.Configure(c, "", nil)
		lang.GenerateRules(language.GenerateArgs{Config: c, Dir: dir, RegularFiles: []string{"opened.yaml"}})
	}
}

// TestFatal checks that the Language methods stop Gazelle with a non-zero exit and the error
// on stderr instead of carrying on without the targets.
func TestFatal(t *testing.T) {
	for _, tc := range []struct{ which, want string }{
		{"directive", `BUILD.bazel:1: # gazelle:opened_verify_tests: "maybe": want true or false`},
		{"spec", "opened.yaml:4: entrypoint: unknown key"},
	} {
		t.Run(tc.which, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), helperEnv+"="+tc.which)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() == 0 {
				t.Fatalf("helper: %v, stdout %q; want a non-zero exit", err, stdout.String())
			}
			if !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("stderr %q does not contain %q", stderr.String(), tc.want)
			}
		})
	}
}

// TestNoSpec checks directories without a spec are left alone, even with rules of the
// extension's kinds in them.
func TestNoSpec(t *testing.T) {
	c := config.New()
	(&openedLang{}).RegisterFlags(nil, "update", c)
	f, err := rule.LoadData("BUILD.bazel", "x", []byte(`ebpf_extract(name = "hand", srcs = [":s"], entry = "f")`))
	if err != nil {
		t.Fatal(err)
	}
	res, err := generate(language.GenerateArgs{Config: c, Dir: t.TempDir(), Rel: "x", File: f, RegularFiles: []string{"BUILD.bazel", "other.yaml"}})
	if err != nil || len(res.Gen) != 0 || len(res.Empty) != 0 || len(res.Imports) != 0 {
		t.Errorf("generate = %d gen, %d empty, %d imports, %v; want nothing", len(res.Gen), len(res.Empty), len(res.Imports), err)
	}
}
