package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/opened-ebpf/opened/tools/internal/cflags"
)

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, " ") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// cflagsFlag splits "-I. -DFOO" into words; repeatable.
type cflagsFlag []string

func (c *cflagsFlag) String() string     { return strings.Join(*c, " ") }
func (c *cflagsFlag) Set(v string) error { *c = append(*c, strings.Fields(v)...); return nil }

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%s: unexpected argument %q", fs.Name(), fs.Arg(0))
	}
	return nil
}

const (
	unsafeCFlagsUsage = "pass --cflags to clang unchecked, including flags that run other code or write files " +
		"(-Xclang, -fplugin, -o, @file, ...); never applies to cflags from a spec or a Bazel config"
	unsafePathsUsage = "let a spec's repositories and include directories lie outside its workspace " +
		"(the directory holding WORKSPACE, MODULE.bazel or .git above the spec)"
)

// checkCFlags applies the cflags policy to --cflags, naming the flag and how to opt out.
func checkCFlags(fl []string, unsafe bool) error {
	if _, err := cflags.Parse(fl, cflags.Options{Unsafe: unsafe}); err != nil {
		return fmt.Errorf("--cflags: %v (pass --unsafe-cflags to allow it)", err)
	}
	return nil
}

// checkConfigCFlags applies the cflags policy to a Bazel config's cflags and defines (the
// first ncflags words are its cflags, the rest its defines as -D flags). There is no opt-out:
// a BUILD file is as untrusted as a spec.
func checkConfigCFlags(path string, fl []string, ncflags int) error {
	_, err := cflags.Parse(fl, cflags.Options{})
	var fe *cflags.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &fe) && fe.Index >= ncflags:
		return fmt.Errorf("%s: defines: %v", path, err)
	}
	return fmt.Errorf("%s: cflags: %v", path, err)
}
