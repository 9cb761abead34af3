package index

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/opened-ebpf/opened/tools/internal/cflags"
	"github.com/opened-ebpf/opened/tools/internal/cfront"
)

// Lazy indexing (Options.Lazy) parses a unit only when a query needs it.
// Which units a query needs is found by a textual prefilter over the
// repository's files, and clang stays the judge: a unit is a candidate for
// a name when the name occurs as an identifier (outside comments and
// literals) in the .c file or in a file it may include. "May include" is a
// textual #include scan that matches targets by base name, so it
// over-approximates; a computed include (#include MACRO) may include any
// file, and a file that no scanned file includes but that a system header
// may reach through an include directory of the flags (its name there is
// top-level or below a system directory such as linux/ or asm/:
// cfront.MaybeSystemReached), or that is forced with -include/-imacros, is
// assumed included by every unit.
//
// Query results are restricted to the candidate units of the query plus
// the units read through Unit, so that they depend on the repository only,
// not on which units earlier runs happened to store. Names that exist only
// through token pasting (a##b) are not seen by the prefilter; Complete
// parses every unit and lifts the restriction.

// textIndex is the textual prefilter over the repository's files.
type textIndex struct {
	files     []string              // scanned files, sorted
	id        map[string]int        // file -> index into files
	idents    map[string][]int      // identifier -> files mentioning it
	defIdents map[string][]int      // identifier -> files that may define it (scanText)
	funcSites map[string][]textSite // function name -> where a file's text defines it
	varSites  map[string][]textSite // variable name -> where a file's text defines it
	includers [][]int               // file -> files that may include it
	everyUnit []bool                // file is assumed included by every unit
	units     []int                 // files that are translation units
}

// textSite is a line of a scanned file (index into files).
type textSite struct{ file, line int }

// includeTarget returns the target of an #include-like directive on line
// and whether the line is one; target is "" for a computed include.
func includeTarget(line string) (string, bool) {
	s := strings.TrimLeft(line, " \t")
	if !strings.HasPrefix(s, "#") {
		return "", false
	}
	s = strings.TrimLeft(s[1:], " \t")
	var rest string
	switch {
	case strings.HasPrefix(s, "include_next"):
		rest = s[len("include_next"):]
	case strings.HasPrefix(s, "include"):
		rest = s[len("include"):]
	case strings.HasPrefix(s, "import"):
		rest = s[len("import"):]
	default:
		return "", false
	}
	rest = strings.TrimLeft(rest, " \t")
	if rest == "" {
		return "", false
	}
	switch rest[0] {
	case '"', '<':
		end := byte('"')
		if rest[0] == '<' {
			end = '>'
		}
		if i := strings.IndexByte(rest[1:], end); i >= 0 {
			return rest[1 : 1+i], true
		}
		return "", false
	}
	return "", true // #include MACRO
}

// scanText returns the identifiers of C text outside comments and string
// or character literals, and the #include targets of its lines. def is
// called for the identifiers that may take part in a file-scope definition:
// every one outside function bodies and on preprocessor lines (a macro may
// define anything). When the text's braces do not balance outside
// preprocessor lines (a signature split by #if), every identifier counts.
func scanText(text []byte, each, def func(id string), fnDef, varDef func(id string, line int)) (targets []string, computed bool) {
	lines := bytes.Split(text, []byte{'\n'})
	directive := make([]bool, len(lines)+1) // preprocessor lines (continuations included)
	for n, line := range lines {
		l := bytes.TrimLeft(line, " \t")
		if directive[n] || len(l) > 0 && l[0] == '#' {
			directive[n] = true
			if bytes.HasSuffix(bytes.TrimRight(line, " \t\r"), []byte{'\\'}) {
				directive[n+1] = true
			}
		}
		if len(l) == 0 || l[0] != '#' {
			continue
		}
		if t, ok := includeTarget(string(l)); ok {
			if t == "" {
				computed = true
			} else {
				targets = append(targets, t)
			}
		}
	}
	type top struct { // a token outside braces and preprocessor lines
		text string
		line int
	}
	var tops []top
	var (
		bodies   []bool // open braces, innermost last: inside a function body?
		prev     string // previous token outside preprocessor lines
		line     int
		at       int
		inBody   []string // identifiers seen only inside function bodies
		balanced = true
	)
	src := string(text)
	cfront.Scan(src, func(t cfront.Token) {
		line += strings.Count(src[at:t.Offset], "\n")
		at = t.Offset
		if line < len(directive) && directive[line] {
			if t.Kind == cfront.Ident {
				each(t.Text)
				def(t.Text)
			}
			return
		}
		if len(bodies) == 0 { // a file-scope token, or the brace opening a body
			tops = append(tops, top{t.Text, line + 1})
		}
		switch t.Kind {
		case cfront.Ident:
			each(t.Text)
			if len(bodies) > 0 && bodies[len(bodies)-1] {
				inBody = append(inBody, t.Text)
			} else {
				def(t.Text)
			}
		case cfront.Punct:
			switch t.Text {
			case "{":
				body := len(bodies) > 0 && bodies[len(bodies)-1] || len(bodies) == 0 && prev == ")"
				bodies = append(bodies, body)
			case "}":
				if len(bodies) == 0 {
					balanced = false
				} else {
					bodies = bodies[:len(bodies)-1]
				}
			}
		}
		prev = t.Text
	})
	if !balanced || len(bodies) != 0 {
		for _, id := range inBody {
			def(id)
		}
		return targets, computed
	}
	// Function definitions at file scope: NAME ( ... ) [__attribute__((...))] {
	for i := 0; i+1 < len(tops); i++ {
		if tops[i+1].text != "(" || !isIdent(tops[i].text) {
			continue
		}
		j, depth := i+1, 0
		for ; j < len(tops); j++ {
			if tops[j].text == "(" {
				depth++
			} else if tops[j].text == ")" {
				if depth--; depth == 0 {
					break
				}
			}
		}
		for j+1 < len(tops) && (tops[j+1].text == "__attribute__" || tops[j+1].text == "__attribute") {
			k, d := j+2, 0
			for ; k < len(tops); k++ {
				if tops[k].text == "(" {
					d++
				} else if tops[k].text == ")" {
					if d--; d == 0 {
						break
					}
				}
			}
			j = k
		}
		if j+1 < len(tops) && tops[j+1].text == "{" {
			fnDef(tops[i].text, tops[i].line)
		}
	}
	// Variable definitions at file scope: the declarator names of a statement that is not
	// extern or typedef, before its initializer: NAME followed by = ; [ , or an attribute
	// macro (SEC("maps")).
	start, parens, init := 0, 0, false
	for i, tk := range tops {
		switch tk.text {
		case ";", "{":
			start, parens, init = i+1, 0, false
			continue
		case "(":
			parens++
		case ")":
			parens--
		case "=":
			if parens == 0 {
				init = true
			}
		case ",":
			if parens == 0 {
				init = false
			}
		}
		if init || parens != 0 || !isIdent(tk.text) || i+1 >= len(tops) {
			continue
		}
		if first := tops[start].text; first == "extern" || first == "typedef" {
			continue
		}
		if i > start {
			if p := tops[i-1].text; p == "struct" || p == "union" || p == "enum" || p == "." {
				continue
			}
		}
		// Skip attribute groups (SEC("maps"), __attribute__((used))) after the name.
		j := i + 1
		for j+1 < len(tops) && attrMacro(tops[j].text) && tops[j+1].text == "(" {
			d := 0
			for j++; j < len(tops); j++ {
				if tops[j].text == "(" {
					d++
				} else if tops[j].text == ")" {
					if d--; d == 0 {
						break
					}
				}
			}
			j++
		}
		if j < len(tops) {
			if next := tops[j].text; next == "=" || next == ";" || next == "[" || next == "," {
				varDef(tk.text, tk.line)
			}
		}
	}
	return targets, computed
}

// attrMacro reports whether an identifier followed by ( after a declarator is an attribute:
// __attribute__, __section(...), or an upper-case macro (SEC("maps")).
func attrMacro(s string) bool {
	if strings.HasPrefix(s, "__") {
		return true
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' {
			return false
		}
	}
	return isIdent(s)
}

func isIdent(s string) bool {
	return s != "" && (s[0] == '_' || s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z')
}

// includeDirs returns the repository-relative include directories and
// forced includes named by cflags.
func includeDirs(repo string, cflags []string) (dirs, forced []string) {
	inRepo := func(p string) (string, bool) {
		if !filepath.IsAbs(p) {
			p = filepath.Join(repo, p)
		}
		r, err := filepath.Rel(repo, filepath.Clean(p))
		if err != nil || r == ".." || strings.HasPrefix(r, "../") {
			return "", false
		}
		return filepath.ToSlash(r), true
	}
	// Flags were checked by Open; unsafe ones are skipped here.
	set, _ := cflagsParse(cflags)
	forced = set.Forced()
	for _, d := range set.IncludeDirs() {
		if r, ok := inRepo(d); ok {
			dirs = append(dirs, r)
		}
	}
	return dirs, forced
}

// cflagsParse splits flags as Open checked them (unsafely: kinds outside the policy are kept
// as cflags.Other and ignored here).
func cflagsParse(fl []string) (cflags.Set, error) {
	return cflags.Parse(fl, cflags.Options{Unsafe: true})
}

// buildTextIndex scans the repository's .c and .h files and the files they
// include by name.
func buildTextIndex(repo string, units []string, cflags []string) (*textIndex, error) {
	var all []string
	err := filepath.WalkDir(repo, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != repo && (strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "bazel-")) {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() || d.Type()&fs.ModeSymlink != 0 { // a symlinked header is read through its link
			r, _ := filepath.Rel(repo, p)
			all = append(all, filepath.ToSlash(r))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	byBase := map[string][]string{}
	for _, f := range all {
		byBase[path.Base(f)] = append(byBase[path.Base(f)], f)
	}
	dirs, forced := includeDirs(repo, cflags)

	t := &textIndex{id: map[string]int{}, idents: map[string][]int{}, defIdents: map[string][]int{}, funcSites: map[string][]textSite{}, varSites: map[string][]textSite{}}
	targets := map[string][]string{}
	computed := map[string]bool{}
	var queue []string
	add := func(f string) {
		if _, ok := t.id[f]; ok {
			return
		}
		t.id[f] = -1
		queue = append(queue, f)
	}
	for _, f := range all {
		if strings.HasSuffix(f, ".c") || strings.HasSuffix(f, ".h") {
			add(f)
		}
	}
	for _, f := range forced {
		for _, g := range byBase[path.Base(filepath.ToSlash(f))] {
			add(g)
		}
	}
	// Identifier -> the files (scan order) mentioning it, and those that may define it.
	type nameFiles struct {
		files, defs       []int
		lastFile, lastDef int
	}
	names := map[string]*nameFiles{}
	var scanned []string
	type site struct {
		name     string
		line     int
		variable bool
	}
	sites := map[string][]site{}
	for len(queue) > 0 {
		f := queue[0]
		queue = queue[1:]
		b, err := os.ReadFile(filepath.Join(repo, f))
		if err != nil {
			continue
		}
		k := len(scanned)
		scanned = append(scanned, f)
		// One map for every file: a file's identifiers are appended once (lastFile).
		note := func(id string, def bool) {
			e := names[id]
			if e == nil {
				e = &nameFiles{lastFile: -1, lastDef: -1}
				names[strings.Clone(id)] = e // the key must not keep the file's text alive
			}
			if e.lastFile != k {
				e.files, e.lastFile = append(e.files, k), k
			}
			if def && e.lastDef != k {
				e.defs, e.lastDef = append(e.defs, k), k
			}
		}
		tg, comp := scanText(b, func(id string) { note(id, false) }, func(id string) { note(id, true) },
			func(id string, line int) {
				sites[f] = append(sites[f], site{strings.Clone(id), line, false})
			}, func(id string, line int) {
				sites[f] = append(sites[f], site{strings.Clone(id), line, true})
			})
		targets[f] = tg
		computed[f] = comp
		for _, x := range tg {
			for _, g := range byBase[path.Base(x)] {
				add(g)
			}
		}
	}
	for f := range t.id {
		t.files = append(t.files, f)
	}
	sort.Strings(t.files)
	for i, f := range t.files {
		t.id[f] = i
	}
	t.idents = make(map[string][]int, len(names))
	t.defIdents = make(map[string][]int, len(names))
	sortedOf := make([]int, len(scanned))
	for k, f := range scanned {
		sortedOf[k] = t.id[f]
	}
	for id, e := range names {
		files := make([]int, len(e.files))
		for j, k := range e.files {
			files[j] = sortedOf[k]
		}
		sort.Ints(files)
		t.idents[id] = files
		if len(e.defs) > 0 {
			defs := make([]int, len(e.defs))
			for j, k := range e.defs {
				defs[j] = sortedOf[k]
			}
			sort.Ints(defs)
			t.defIdents[id] = defs
		}
	}
	n := len(t.files)
	t.includers = make([][]int, n)
	t.everyUnit = make([]bool, n)
	included := make([]bool, n)
	for i, f := range t.files {
		for _, st := range sites[f] {
			if st.variable {
				t.varSites[st.name] = append(t.varSites[st.name], textSite{i, st.line})
			} else {
				t.funcSites[st.name] = append(t.funcSites[st.name], textSite{i, st.line})
			}
		}
		if computed[f] {
			for j, g := range t.files {
				if j != i && !strings.HasSuffix(g, ".c") {
					t.includers[j] = append(t.includers[j], i)
					included[j] = true
				}
			}
		}
		for _, x := range targets[f] {
			for _, g := range byBase[path.Base(x)] {
				if j, ok := t.id[g]; ok && j != i {
					t.includers[j] = append(t.includers[j], i)
					included[j] = true
				}
			}
		}
	}
	for _, f := range forced {
		for _, g := range byBase[path.Base(filepath.ToSlash(f))] {
			t.everyUnit[t.id[g]] = true
		}
	}
	for i, f := range t.files {
		if included[i] || strings.HasSuffix(f, ".c") {
			continue
		}
		for _, d := range dirs {
			name, ok := f, d == "."
			if !ok && strings.HasPrefix(f, d+"/") {
				name, ok = f[len(d)+1:], true
			}
			if ok && cfront.MaybeSystemReached(name) {
				t.everyUnit[i] = true // a system header may include it through -I
				break
			}
		}
	}
	isUnit := map[string]bool{}
	for _, u := range units {
		isUnit[u] = true
	}
	for i, f := range t.files {
		if isUnit[f] {
			t.units = append(t.units, i)
		}
	}
	return t, nil
}

// unitsReaching returns the units that may enter any of files, sorted; all
// reports that every unit may.
func (t *textIndex) unitsReaching(files []int) (out []string, all bool) {
	seen := make([]bool, len(t.files))
	queue := append([]int(nil), files...)
	for _, f := range files {
		seen[f] = true
	}
	for len(queue) > 0 {
		f := queue[0]
		queue = queue[1:]
		if t.everyUnit[f] {
			return nil, true
		}
		for _, g := range t.includers[f] {
			if !seen[g] {
				seen[g] = true
				queue = append(queue, g)
			}
		}
	}
	for _, u := range t.units {
		if seen[u] {
			out = append(out, t.files[u])
		}
	}
	return out, false
}

// mentioning returns the units that may see identifier name.
func (t *textIndex) mentioning(name string) (units []string, all bool) {
	return t.unitsReaching(t.idents[name])
}

// entering returns the units that may enter file (file itself when it is a unit).
func (t *textIndex) entering(file string) (units []string, all bool) {
	i, ok := t.id[file]
	if !ok {
		return nil, false
	}
	return t.unitsReaching([]int{i})
}

// ensure parses the units of list that are not up to date.
func (ix *Index) ensure(ctx context.Context, list []string) error {
	var todo []string
	for _, u := range list {
		if !ix.fresh[u] {
			todo = append(todo, u)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	sort.Strings(todo)
	return ix.parse(ctx, todo, nil)
}

// Complete parses every unit that is not up to date and lifts the
// restriction of lazy queries: afterwards the index answers as if Open had
// indexed the whole repository.
func (ix *Index) Complete(ctx context.Context) error {
	ix.lazyMu.Lock()
	defer ix.lazyMu.Unlock()
	return ix.completeLocked(ctx)
}

func (ix *Index) completeLocked(ctx context.Context) error {
	if ix.complete {
		return nil
	}
	if err := ix.ensure(ctx, ix.units); err != nil {
		return err
	}
	ix.complete = true
	return nil
}

// scope parses the units a query about name (or, with file set, about the
// units entering file) may need and returns the units whose rows the query
// may return; nil means every unit.
func (ix *Index) scope(ctx context.Context, name, file string) (map[string]bool, error) {
	ix.lazyMu.Lock()
	defer ix.lazyMu.Unlock()
	ix.record(name, file)
	if ix.complete {
		return nil, nil
	}
	if err := ix.textIndex(); err != nil {
		return nil, err
	}
	var units []string
	var all bool
	if file != "" {
		units, all = ix.text.entering(file)
	} else {
		covered, err := ix.coveredDefinition(ctx, name)
		if err != nil {
			return nil, err
		}
		if covered {
			in := map[string]bool{}
			for u := range ix.fresh {
				in[u] = true
			}
			for u := range ix.loaded {
				in[u] = true
			}
			return in, nil
		}
		units, all = ix.text.mentioning(name)
	}
	if all {
		return nil, ix.completeLocked(ctx)
	}
	if err := ix.ensure(ctx, units); err != nil {
		return nil, err
	}
	in := map[string]bool{}
	for _, u := range units {
		in[u] = true
	}
	for u := range ix.loaded {
		in[u] = true
	}
	return in, nil
}

// textIndex builds the textual prefilter on first use.
func (ix *Index) textIndex() error {
	if ix.text != nil {
		return nil
	}
	t, err := buildTextIndex(ix.repo, ix.units, ix.opts.CFlags)
	if err != nil {
		return err
	}
	ix.text = t
	return nil
}

// coveredDefinition reports whether the units parsed so far define name and entered every file
// that may define it (name outside function bodies: scanText). Another unit that mentions
// name (calls it, say) can then find a definition only in those same files: clang could show
// it no definition in another place, only the same text under that unit's own macros (a
// header's #if branch the parsed units compiled out), which the extraction, working in the
// entry's unit, cannot use. Parsing it is skipped: with a shared header of helpers, every
// program of a project calls the helpers, and finding a helper's definition parsed every
// program.
func (ix *Index) coveredDefinition(ctx context.Context, name string) (bool, error) {
	mentions := ix.text.defIdents[name]
	if len(mentions) == 0 || len(ix.fresh) == 0 {
		return false, nil
	}
	entered, parsed, err := ix.parsedEntered(ctx)
	if err != nil {
		return false, err
	}
	for _, f := range mentions {
		if !entered[ix.text.files[f]] {
			return false, nil
		}
	}
	q := `SELECT count(*) FROM symbols WHERE name = ? AND is_definition = 1 AND tu IN (?` + strings.Repeat(",?", len(parsed)-1) + `)`
	args := []any{name}
	for _, u := range parsed {
		args = append(args, u)
	}
	var n int
	if err := ix.db.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return false, err
	}
	return n > 0, nil
}

// parsedEntered returns the files the fresh units entered (themselves included) and those
// units, sorted.
func (ix *Index) parsedEntered(ctx context.Context) (map[string]bool, []string, error) {
	var parsed []string
	for u := range ix.fresh {
		parsed = append(parsed, u)
	}
	sort.Strings(parsed)
	if ix.enteredFor == strings.Join(parsed, "\x00") && ix.enteredFiles != nil {
		return ix.enteredFiles, parsed, nil
	}
	entered := map[string]bool{}
	for _, u := range parsed {
		entered[u] = true
		rows, err := ix.db.QueryContext(ctx, `SELECT file FROM tu_deps WHERE tu = ?`, u)
		if err != nil {
			return nil, nil, err
		}
		for rows.Next() {
			var f string
			if err := rows.Scan(&f); err != nil {
				rows.Close()
				return nil, nil, err
			}
			entered[filepath.ToSlash(f)] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, nil, err
		}
	}
	ix.enteredFiles, ix.enteredFor = entered, strings.Join(parsed, "\x00")
	return entered, parsed, nil
}

// DefinitionSites answers where name is defined as a kind ("function", or a variable kind:
// "map", "var"), for a report that does not choose among the definitions (a
// duplicate-definition note), without parsing more units: the definitions clang found in the
// units parsed so far, and for the files none of them entered, the lines whose text defines a
// function, or a variable, of that name at file scope (a textual scan: such a Symbol has no
// TU, and may lie in a branch of #if that no build compiles). A full index answers as
// Definitions.
func (ix *Index) DefinitionSites(ctx context.Context, name, kind string) ([]Symbol, error) {
	ix.lazyMu.Lock()
	lazy := !ix.complete
	if lazy {
		ix.record(name, "")
		if err := ix.textIndex(); err != nil {
			ix.lazyMu.Unlock()
			return nil, err
		}
	}
	ix.lazyMu.Unlock()
	if !lazy {
		return ix.Definitions(ctx, name, kind)
	}
	ix.lazyMu.Lock()
	defer ix.lazyMu.Unlock()
	entered, parsed, err := ix.parsedEntered(ctx)
	if err != nil {
		return nil, err
	}
	var out []Symbol
	if len(parsed) > 0 {
		q := `SELECT name, kind, file, start_line, end_line, tu, is_definition, storage, section, signature, weak
		      FROM symbols WHERE name = ? AND is_definition = 1 AND kind = ? AND tu IN (?` + strings.Repeat(",?", len(parsed)-1) + `)
		      ORDER BY file, start_line, tu`
		args := []any{name, kind}
		for _, u := range parsed {
			args = append(args, u)
		}
		rows, err := ix.db.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, err
		}
		syms, err := scanSymbols(rows, nil)
		rows.Close()
		if err != nil {
			return nil, err
		}
		out = syms
	}
	sites := ix.text.varSites[name]
	if kind == "function" {
		sites = ix.text.funcSites[name]
	}
	for _, s := range sites {
		if f := ix.text.files[s.file]; !entered[f] {
			out = append(out, Symbol{Name: name, Kind: kind, File: f, StartLine: s.line, EndLine: s.line, IsDefinition: true})
		}
	}
	return out, nil
}
