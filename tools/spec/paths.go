package spec

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/opened-ebpf/opened/tools/internal/cflags"
)

// workspaceMarkers name the files whose directory is a workspace root.
var workspaceMarkers = []string{"WORKSPACE", "WORKSPACE.bazel", "MODULE.bazel", ".git"}

// Workspace returns the directory a spec's paths must stay in: the nearest directory at or
// above the spec holding WORKSPACE, WORKSPACE.bazel, MODULE.bazel or .git, else the spec's own
// directory.
func (s *Spec) Workspace() string {
	if s.Root != "" {
		return s.Root
	}
	dir, err := filepath.Abs(s.Dir)
	if err != nil {
		return s.Dir
	}
	for d := dir; ; {
		for _, m := range workspaceMarkers {
			if _, err := os.Lstat(filepath.Join(d, m)); err == nil {
				return d
			}
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}

// checkPaths refuses a repository or an include directory outside the workspace (unless
// AllowOutside). Paths are compared as written: a repository that is a symbolic link to a
// directory elsewhere is accepted, as vendoring by link is common.
func (s *Spec) checkPaths(e *Extract) error {
	if s.AllowOutside {
		return nil
	}
	ws := s.Workspace()
	where, hint := " "+ws, " (or pass --unsafe-paths)"
	if s.Root != "" {
		where, hint = "", "" // Gazelle: the workspace is the repository, and there is no opt-out
	}
	repo, err := filepath.Abs(e.RepoDir)
	if err != nil {
		return err
	}
	if !cflags.Within(ws, repo, repo) {
		return &Error{File: s.Path, Line: e.Line, Field: "repo", Msg: fmt.Sprintf("%s is outside the workspace%s; vendor the repository inside it%s", e.Repo, where, hint)}
	}
	set, err := cflags.Parse(e.CFlags, cflags.Options{})
	if err != nil {
		return &Error{File: s.Path, Line: e.Line, Field: "cflags", Msg: err.Error()}
	}
	for _, f := range set.Of(cflags.IncludeDir) {
		if !cflags.Within(ws, repo, f.Value) {
			line := e.Line
			if f.Index < len(e.CFlagLines) {
				line = e.CFlagLines[f.Index]
			}
			return &Error{File: s.Path, Line: line, Field: "cflags", Msg: fmt.Sprintf("%s: include directory is outside the workspace%s%s", f, where, hint)}
		}
	}
	return nil
}
