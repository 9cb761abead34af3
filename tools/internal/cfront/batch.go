package cfront

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// MaxBatch is the most units ParseUnits gives one clang process. clang 14 frees nothing
// between the inputs of one process (its -disable-free), about 30 MB more per unit that
// carries a whole vmlinux.h, and the batch's output counts against Options.MaxOutput as one.
const MaxBatch = 4

// ParseUnits parses several units of one repository, as Parse does each, with one clang
// process for all their ASTs and one for all their preprocessor streams instead of two per
// unit. One clang run costs about 0.1 s of start-up (loading LLVM), more than parsing a
// small BPF unit, so a unit added to a run costs a third of a unit parsed alone.
//
// clang's driver hands one input to its in-process front end (cc1); the others are given to
// cc1 directly (-Xclang), and cc1 runs its action on each input in turn with a fresh
// preprocessor and AST, writing one output after the other: the JSON documents follow each
// other ("}{"), and each preprocessor stream starts with its own `# 1 "<unit>"` marker. The
// outputs are split there and checked against the units given, in cc1's order.
//
// A unit clang rejects fails the whole process, and clang does not say which unit did: any
// failure of a batch (a rejected unit, an output over the limit, outputs that do not split
// as expected) parses each unit alone, so results and errors are those of Parse. The last
// optional files are wanted only if the batch succeeds (a prefetch): after a failure they
// are not parsed, and their TU and error are both nil. It returns one TU or one error per
// file; a non-nil error of its own is fatal (a cancelled context).
func ParseUnits(ctx context.Context, o Options, files []string, optional int) ([]*TU, []error, error) {
	if len(files) > 1 && len(files) <= MaxBatch {
		if tus, err := parseBatch(ctx, o, files); err == nil {
			return tus, make([]error, len(files)), nil
		} else if ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
	}
	optional = min(max(optional, 0), len(files))
	tus, errs, err := parseEach(ctx, o, files[:len(files)-optional])
	if err != nil {
		return nil, nil, err
	}
	for i := 0; i < optional; i++ {
		tus, errs = append(tus, nil), append(errs, nil)
	}
	return tus, errs, nil
}

// parseEach parses files one by one (two clang runs each), runtime.NumCPU() at a time.
func parseEach(ctx context.Context, o Options, files []string) ([]*TU, []error, error) {
	tus := make([]*TU, len(files))
	errs := make([]error, len(files))
	sem := make(chan struct{}, runtime.NumCPU())
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Add(1)
		go func(i int, f string) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			tus[i], errs[i] = Parse(ctx, o, f)
		}(i, f)
	}
	wg.Wait()
	if ctx.Err() != nil {
		return nil, nil, ctx.Err()
	}
	return tus, errs, nil
}

// batchOrder returns files in the order cc1 processes them: the driver places the -Xclang
// inputs (files[1:]) before its own (files[0]).
func batchOrder(files []string) []string {
	return append(append([]string{}, files[1:]...), files[0])
}

// batchMode is mode followed by the extra inputs passed to cc1, as C.
func batchMode(files []string, mode ...string) []string {
	m := append([]string{}, mode...)
	m = append(m, "-Xclang", "-x", "-Xclang", "c")
	for _, f := range files[1:] {
		m = append(m, "-Xclang", f)
	}
	return m
}

// parseBatch parses files with one AST run and one preprocessor run; any error means the
// caller parses them one by one.
func parseBatch(ctx context.Context, o Options, files []string) ([]*TU, error) {
	repo, err := filepath.Abs(o.Repo)
	if err != nil {
		return nil, err
	}
	o.Repo = repo
	for _, f := range files {
		if strings.HasPrefix(f, "-") || !strings.HasSuffix(f, ".c") {
			return nil, fmt.Errorf("%s: not batched", f)
		}
		if err := checkText(filepath.Join(repo, f), f); err != nil {
			return nil, err
		}
	}
	var (
		wg     sync.WaitGroup
		astOut *output
		astErr error
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		astOut, astErr = runOutput(ctx, o, files[0], batchMode(files, "-fsyntax-only", "-Xclang", "-ast-dump=json")...)
	}()
	order := batchOrder(files)
	early := make([]*irRun, len(order))
	for i, f := range order {
		early[i] = startIR(ctx, o, f, predictIR(filepath.Join(repo, f)))
	}
	ppAll, ppErr := run(ctx, o, files[0], batchMode(files, "-E", "-dD")...)
	var pps [][]byte
	if ppErr == nil {
		pps, ppErr = splitPP(ppAll, order)
	}
	// The IR of a unit with legacy or iproute2 maps (needsIR) runs alone, beside the AST,
	// started early when the unit's text tells (predictIR).
	irs := make([][]byte, len(order))
	for i := range order {
		if ppErr == nil && needsIR(pps[i]) {
			irs[i], ppErr = early[i].wait(ctx, o, order[i])
		} else {
			early[i].discard()
		}
	}
	wg.Wait()
	if astOut != nil {
		defer astOut.close()
	}
	if astErr != nil {
		return nil, astErr
	}
	if ppErr != nil {
		return nil, ppErr
	}
	data, release, unmap, err := astOut.mapped()
	if err != nil {
		return nil, err
	}
	defer unmap()
	// The documents follow each other (clang 14 writes "}{"; white space between them is
	// allowed); each is parsed from where the previous one ended.
	skipSpace := func(at int) int {
		for at < len(data) && (data[at] == ' ' || data[at] == '\n' || data[at] == '\r' || data[at] == '\t') {
			at++
		}
		return at
	}
	byFile := map[string]*TU{}
	at := 0
	for i, f := range order {
		if at = skipSpace(at); at >= len(data) || data[at] != '{' {
			return nil, fmt.Errorf("%s: no AST document in the batch", f)
		}
		base := at
		tu, n, err := buildTUAt(repo, f, data[at:], func(off int) { release(base + off) }, pps[i], irs[i])
		if err != nil {
			return nil, err
		}
		byFile[f] = tu
		at += n
	}
	if skipSpace(at) != len(data) {
		return nil, fmt.Errorf("%s: more AST documents than units in the batch", files[0])
	}
	tus := make([]*TU, len(files))
	for i, f := range files {
		tus[i] = byFile[f]
	}
	return tus, nil
}

// splitPP cuts clang's consecutive preprocessor streams apart: each starts with the marker
// of its unit, `# 1 "<unit>"`, followed by the built-in one.
func splitPP(all []byte, order []string) ([][]byte, error) {
	marker := func(f string) []byte { return []byte("# 1 \"" + f + "\"\n# 1 \"<built-in>\" 1\n") }
	if !bytes.HasPrefix(all, marker(order[0])) {
		return nil, fmt.Errorf("%s: preprocessor stream does not start with its marker", order[0])
	}
	out := make([][]byte, 0, len(order))
	rest := all
	for _, f := range order[1:] {
		i := bytes.Index(rest, append([]byte("\n"), marker(f)...))
		if i < 0 {
			return nil, fmt.Errorf("%s: no preprocessor stream in the batch", f)
		}
		out = append(out, rest[:i+1])
		rest = rest[i+1:]
	}
	return append(out, rest), nil
}
