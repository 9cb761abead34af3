package outdir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// Marker is the file OPENED writes into every directory it owns; it holds the kind's name.
const Marker = ".opened"

// Kind describes one directory format OPENED writes.
type Kind struct {
	// Name is written into the marker ("unit", "pipeline").
	Name string
	// Files are the names a directory of this kind holds when it has no marker (written by a
	// version of OPENED that had none): such a directory is OPENED's only when it holds Key and
	// nothing outside Files. A marker lists the names OPENED wrote itself.
	Files []string
	// Key is the file that identifies the kind without a marker (e.g. functions.json).
	Key string
}

// Error is a refused destination.
type Error struct {
	Path string
	Msg  string
}

func (e *Error) Error() string { return e.Path + ": " + e.Msg }

// tmpTag separates a destination's name from the PID in temporary names:
// ".NAME.opened-tmp-PID-RANDOM" (and ".old" for the directory being replaced).
const tmpTag = ".opened-tmp-"

// Check returns an *Error when out must not be replaced by a directory of kind k: it is not
// OPENED's, or it is, contains or lies inside one of the protected directories (source
// repositories). A missing out is fine.
func Check(out string, k Kind, protect []string) error {
	abs, err := absReal(out)
	if err != nil {
		return &Error{Path: out, Msg: err.Error()}
	}
	for _, p := range protect {
		if p == "" {
			continue
		}
		pa, err := absReal(p)
		if err != nil {
			continue
		}
		switch {
		case abs == pa:
			return &Error{Path: out, Msg: fmt.Sprintf("refusing to write the output over the repository %s", p)}
		case within(abs, pa):
			return &Error{Path: out, Msg: fmt.Sprintf("refusing to write the output inside the repository %s (choose a directory outside it)", p)}
		case within(pa, abs):
			return &Error{Path: out, Msg: fmt.Sprintf("refusing to replace a directory that contains the repository %s", p)}
		}
	}
	st, err := os.Lstat(out)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return &Error{Path: out, Msg: err.Error()}
	}
	if !st.IsDir() {
		return &Error{Path: out, Msg: "exists and is not a directory; refusing to replace it (remove it or choose another --out)"}
	}
	ents, err := os.ReadDir(out)
	if err != nil {
		return &Error{Path: out, Msg: err.Error()}
	}
	if len(ents) == 0 {
		return nil
	}
	// What may be replaced: the files the marker lists (what OPENED wrote there), or for a
	// directory without a marker the kind's own files.
	known := map[string]bool{Marker: true}
	hasMarker, hasKey := false, false
	for _, e := range ents {
		hasMarker = hasMarker || e.Name() == Marker
		hasKey = hasKey || e.Name() == k.Key
	}
	if hasMarker {
		b, err := os.ReadFile(filepath.Join(out, Marker))
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		if err != nil || lines[0] != k.Name {
			return &Error{Path: out, Msg: fmt.Sprintf("holds OPENED output of another kind (%q), not a %s; refusing to replace it", lines[0], k.Name)}
		}
		for _, f := range lines[1:] {
			known[f] = true
		}
	} else {
		for _, f := range k.Files {
			known[f] = true
		}
	}
	var foreign []string
	for _, e := range ents {
		if !known[e.Name()] {
			foreign = append(foreign, e.Name())
		}
	}
	if len(foreign) > 0 {
		sort.Strings(foreign)
		if len(foreign) > 5 {
			foreign = append(foreign[:5], fmt.Sprintf("and %d more", len(foreign)-5))
		}
		return &Error{Path: out, Msg: fmt.Sprintf("is a directory OPENED did not write (it holds %s); refusing to replace it (choose an empty or new --out)", strings.Join(foreign, ", "))}
	}
	if !hasMarker && !hasKey {
		return &Error{Path: out, Msg: fmt.Sprintf("is not an OPENED %s directory; refusing to replace it", k.Name)}
	}
	return nil
}

// within reports whether p lies strictly inside dir.
func within(p, dir string) bool {
	r, err := filepath.Rel(dir, p)
	return err == nil && r != "." && r != ".." && !strings.HasPrefix(r, "../")
}

// absReal returns p made absolute with the symlinks of its longest existing prefix resolved.
func absReal(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	cur := abs
	for {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(r, rest), nil
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// Write fills a temporary directory beside out with fill and renames it into place, after
// Check. On any error nothing is left behind and out is untouched.
func Write(out string, k Kind, protect []string, fill func(tmp string) error) error {
	var b Batch
	if err := b.Add(out, k, protect, fill); err != nil {
		return err
	}
	return b.Commit()
}

// Batch writes several directories all-or-nothing.
type Batch struct {
	items []item
}

type item struct {
	out, tmp string
}

// Add checks out, fills a temporary directory for it and keeps it for Commit. On error every
// directory of the batch is removed (Abort) and the error returned.
func (b *Batch) Add(out string, k Kind, protect []string, fill func(tmp string) error) error {
	out = filepath.Clean(out)
	for _, it := range b.items {
		if it.out == out {
			b.Abort()
			return &Error{Path: out, Msg: "written twice in one run (two stages with the same output?)"}
		}
	}
	if err := Check(out, k, protect); err != nil {
		b.Abort()
		return err
	}
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		b.Abort()
		return err
	}
	Sweep(parent)
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+tmpTag+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		b.Abort()
		return err
	}
	track(tmp, true)
	b.items = append(b.items, item{out: out, tmp: tmp})
	err = fill(tmp)
	if err == nil {
		err = writeMarker(tmp, k)
	}
	if err == nil {
		err = os.Chmod(tmp, 0o755)
	}
	if err != nil {
		b.Abort()
		return err
	}
	return nil
}

// writeMarker records the kind and the names fill wrote, so that a later run replaces exactly
// what OPENED wrote.
func writeMarker(dir string, k Kind) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	names := []string{k.Name}
	for _, e := range ents {
		if e.Name() != Marker {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names[1:])
	return os.WriteFile(filepath.Join(dir, Marker), []byte(strings.Join(names, "\n")+"\n"), 0o644)
}

// Commit renames every directory of the batch into place. If a rename fails, the directories
// already renamed are put back as they were.
func (b *Batch) Commit() error {
	type done struct{ out, old string }
	var moved []done
	rollback := func() {
		for i := len(moved) - 1; i >= 0; i-- {
			d := moved[i]
			os.RemoveAll(d.out)
			if d.old != "" {
				os.Rename(d.old, d.out)
			}
		}
	}
	for _, it := range b.items {
		old := ""
		if _, err := os.Lstat(it.out); err == nil {
			old = it.tmp + ".old"
			track(old, true)
			if err := os.Rename(it.out, old); err != nil {
				rollback()
				b.Abort()
				return err
			}
		}
		if err := os.Rename(it.tmp, it.out); err != nil {
			if old != "" {
				os.Rename(old, it.out)
			}
			rollback()
			b.Abort()
			return err
		}
		track(it.tmp, false)
		moved = append(moved, done{it.out, old})
	}
	for _, d := range moved {
		if d.old != "" {
			os.RemoveAll(d.old)
			track(d.old, false)
		}
	}
	b.items = nil
	return nil
}

// Abort removes every temporary directory of the batch.
func (b *Batch) Abort() {
	for _, it := range b.items {
		os.RemoveAll(it.tmp)
		track(it.tmp, false)
	}
	b.items = nil
}

var (
	liveMu sync.Mutex
	live   = map[string]bool{}
)

func track(p string, on bool) {
	liveMu.Lock()
	defer liveMu.Unlock()
	if on {
		live[p] = true
	} else {
		delete(live, p)
	}
}

// RemoveTemps removes the temporary directories this process is writing (for a signal
// handler: the process is about to exit).
func RemoveTemps() {
	liveMu.Lock()
	defer liveMu.Unlock()
	for p := range live {
		os.RemoveAll(p)
		delete(live, p)
	}
}

// Sweep removes temporary directories in parent left by OPENED processes that no longer run
// (a SIGKILL between fill and rename).
func Sweep(parent string) {
	ents, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range ents {
		pid, ok := tmpPID(e.Name())
		if !ok || pid == os.Getpid() || alive(pid) {
			continue
		}
		os.RemoveAll(filepath.Join(parent, e.Name()))
	}
}

// tmpPID returns the PID in a temporary name ".NAME.opened-tmp-PID-RANDOM[.old]".
func tmpPID(name string) (int, bool) {
	if !strings.HasPrefix(name, ".") {
		return 0, false
	}
	i := strings.LastIndex(name, tmpTag)
	if i < 0 {
		return 0, false
	}
	rest := name[i+len(tmpTag):]
	j := strings.IndexByte(rest, '-')
	if j <= 0 {
		return 0, false
	}
	pid, err := strconv.Atoi(rest[:j])
	return pid, err == nil && pid > 0
}

func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
