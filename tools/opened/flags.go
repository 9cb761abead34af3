package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
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
