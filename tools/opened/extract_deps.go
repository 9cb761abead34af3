package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/opened-ebpf/opened/tools/extract"
	"github.com/opened-ebpf/opened/tools/index"
	"github.com/opened-ebpf/opened/tools/mcu"
)

// Per-function incrementality under Bazel (docs/bazel.md, "Incrementality per function").
//
// The EbpfExtract action runs with a config naming unused_inputs and deps: after the
// extraction it writes the repository files the unit did not use (exec paths, one a line:
// Bazel's unused_inputs_list, so editing them does not re-run the action) and the queries
// they were judged by. The EbpfExtractCheck action, which has every input, runs
// `extract --config C --reuse DIR`: when every file listed unused still could not change the
// result (index.CheckUnused) it copies DIR's unit, otherwise it extracts again.

// extractConfig runs one --config extraction, or its --reuse check.
func extractConfig(c config, opts extract.Options, reuse string, verify bool, stdout, stderr io.Writer) error {
	if reuse != "" {
		if c.UnusedInputs == "" || c.Deps == "" {
			return fmt.Errorf("extract --reuse: the config names no unused_inputs and deps files")
		}
		stale, err := staleUnused(c, opts)
		if err != nil {
			return err
		}
		if len(stale) == 0 {
			if err := copyUnit(reuse, opts.Out); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "reused %s: no input listed unused mentions a name the extraction looked up\n", opts.Out)
			return nil
		}
		fmt.Fprintf(stderr, "opened: %s now %s a name the extraction of %s looked up, or includes a file that does: extracting again\n",
			path.Join(c.Repo, stale[0]), "mentions", c.Entry)
		_, err = extractOne(opts, verify, stdout, stderr)
		return err
	}
	opts.Unused = c.UnusedInputs != ""
	res, err := extractOne(opts, verify, stdout, stderr)
	if err != nil || !opts.Unused {
		return err
	}
	return writeUnused(c, res)
}

// writeUnused writes the unused_inputs_list (only paths that are inputs of the action) and
// the deps file.
func writeUnused(c config, res *extract.Result) error {
	inputs := map[string]bool{}
	for _, p := range c.Inputs {
		inputs[p] = true
	}
	var lines []string
	for _, f := range res.Unused {
		p := path.Join(c.Repo, f)
		if inputs[p] {
			lines = append(lines, p)
		}
	}
	sort.Strings(lines)
	text := strings.Join(lines, "\n")
	if text != "" {
		text += "\n"
	}
	if err := os.WriteFile(c.UnusedInputs, []byte(text), 0o644); err != nil {
		return err
	}
	d := struct {
		index.Deps
		Unused []string `json:"unused"`
	}{res.Deps, []string{}}
	for _, l := range lines {
		d.Unused = append(d.Unused, strings.TrimPrefix(l, c.Repo+"/"))
	}
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(c.Deps, append(b, '\n'), 0o644)
}

// staleUnused returns the files listed unused that the recorded queries would now use.
func staleUnused(c config, opts extract.Options) ([]string, error) {
	b, err := os.ReadFile(c.Deps)
	if err != nil {
		return nil, err
	}
	var d struct {
		index.Deps
		Unused []string `json:"unused"`
	}
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, fmt.Errorf("%s: %w", c.Deps, err)
	}
	return index.CheckUnused(opts.Repo, opts.CFlags, d.Deps, d.Unused)
}

// copyUnit copies the unit files of src into dst.
func copyUnit(src, dst string) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	for _, f := range []string{mcu.FunctionsFile, mcu.MapsFile, mcu.WarningsFile, mcu.SourceFile, mcu.ObjectFile} {
		b, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dst, f), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
