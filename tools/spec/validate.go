package spec

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Validate checks what can be checked without a compiler: the repository directory exists, an
// entry file exists and has the named line, an entry function's name occurs as an identifier in
// the repository's C sources, and prefer files exist. The extractor makes the exact checks with
// clang; Validate lets Gazelle and the CLI reject a stale spec early with the YAML line.
func (s *Spec) Validate() error {
	for i := range s.Extracts {
		if err := s.ValidateExtract(&s.Extracts[i]); err != nil {
			return err
		}
	}
	return s.ValidateDifftests()
}

// ValidateExtract makes Validate's checks for one stage of s.
func (s *Spec) ValidateExtract(e *Extract) error {
	if err := s.checkPaths(e); err != nil {
		return err
	}
	return e.validate(s.Path)
}

func (e *Extract) validate(specPath string) error {
	fail := func(field, format string, args ...interface{}) error {
		return &Error{File: specPath, Line: e.Line, Field: field, Msg: fmt.Sprintf(format, args...)}
	}
	st, err := os.Stat(e.RepoDir)
	if err != nil || !st.IsDir() {
		if IsURI(e.Repo) {
			return fail("repo", "%s is not vendored at %s (OPENED never fetches; vendor the repository there)", e.Repo, e.RepoDir)
		}
		return fail("repo", "directory %s does not exist", e.RepoDir)
	}
	ent, err := ParseEntry(e.Entry)
	if err != nil {
		return fail("entry", "%v", err)
	}
	if ent.File != "" {
		n, err := countLines(filepath.Join(e.RepoDir, filepath.FromSlash(ent.File)))
		if err != nil {
			return fail("entry", "file %s not found in %s", ent.File, e.RepoDir)
		}
		if ent.Line > n {
			return fail("entry", "%s has %d lines; line %d is past its end", ent.File, n, ent.Line)
		}
	} else {
		ok, err := identInSources(e.RepoDir, ent.Function)
		if err != nil {
			return fail("entry", "%v", err)
		}
		if !ok {
			return fail("entry", "function %s does not occur in any .c or .h file under %s", ent.Function, e.RepoDir)
		}
	}
	for _, f := range e.Prefer {
		if _, err := os.Stat(filepath.Join(e.RepoDir, filepath.FromSlash(f))); err != nil {
			return fail("prefer", "file %s not found in %s", f, e.RepoDir)
		}
	}
	return nil
}

func countLines(p string) (int, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return 0, err
	}
	n := bytes.Count(data, []byte{'\n'})
	if len(data) > 0 && data[len(data)-1] != '\n' {
		n++
	}
	return n, nil
}

// CSources lists the repository's .c and .h files, relative to dir, sorted.
func CSources(dir string) ([]string, error) {
	var out []string
	// A repository vendored as a symbolic link to a directory is walked through the link.
	root := dir
	if r, err := filepath.EvalSymlinks(dir); err == nil {
		root = r
	}
	err := filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if info.IsDir() {
			if n := info.Name(); p != root && (strings.HasPrefix(n, ".") || strings.HasPrefix(n, "bazel-")) {
				return filepath.SkipDir
			}
			return nil
		}
		if ext := filepath.Ext(p); ext == ".c" || ext == ".h" {
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

func identInSources(dir, name string) (bool, error) {
	files, err := CSources(dir)
	if err != nil {
		return false, err
	}
	re := regexp.MustCompile(`\b` + regexp.QuoteMeta(name) + `\b`)
	for _, f := range files {
		fh, err := os.Open(filepath.Join(dir, filepath.FromSlash(f)))
		if err != nil {
			return false, err
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		found := false
		for sc.Scan() {
			if re.Match(sc.Bytes()) {
				found = true
				break
			}
		}
		fh.Close()
		if found {
			return true, nil
		}
	}
	return false, nil
}
