package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"

	"github.com/opened-ebpf/opened/tools/index"
)

func runIndex(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("index", stderr)
	repo := fs.String("repo", "", "repository root")
	db := fs.String("db", "", "index database to create or update")
	clang := fs.String("clang", "", "clang binary")
	var cflags cflagsFlag
	fs.Var(&cflags, "cflags", "compiler flags (-I, -D), repeatable")
	unsafeCFlags := fs.Bool("unsafe-cflags", false, unsafeCFlagsUsage)
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := checkCFlags(cflags, *unsafeCFlags); err != nil {
		return err
	}
	if *repo == "" || *db == "" {
		return errors.New("index: --repo and --db are required")
	}
	ix, err := index.Open(context.Background(), index.Options{Repo: *repo, CFlags: cflags, UnsafeCFlags: *unsafeCFlags, Clang: *clang, DB: *db})
	if err != nil {
		return err
	}
	defer ix.Close()
	if ix.Stats.Note != "" {
		fmt.Fprintf(stderr, "opened: note: %s\n", ix.Stats.Note)
	}
	failed, err := ix.FailedUnits(context.Background())
	if err != nil {
		return err
	}
	var names []string
	for f := range failed {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		fmt.Fprintf(stderr, "opened: %s: skipped, clang rejects it for -target bpf: %s\n", f, firstLine(failed[f]))
	}
	fmt.Fprintf(stdout, "indexed %d translation units (%d parsed, %d rejected by clang) into %s\n",
		ix.Stats.Units, ix.Stats.Parsed, ix.Stats.Failed, *db)
	return nil
}

func firstLine(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			if i+1 < len(s) {
				// skip "file: clang failed:" header lines
				rest := s[i+1:]
				for j := 0; j < len(rest); j++ {
					if rest[j] == '\n' {
						return rest[:j]
					}
				}
				return rest
			}
			return s[:i]
		}
	}
	return s
}
