package loader

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/opened-ebpf/opened/tools/pipeline"
	"golang.org/x/sys/unix"
)

// BPFFS is where the loader pins what outlives `opened load`: under BPFFS/opened/IFACE the
// pipeline's links (links/) and maps (maps/SEGMENT/NAME).
var BPFFS = "/sys/fs/bpf"

// StateDir holds, per interface, state.json (bpffs holds only BPF objects).
var StateDir = "/run/opened"

// StateFile is the loader's record of what it attached on an interface.
const StateFile = "state.json"

// State is state.json: the attached pipeline's manifest, where it came from and its links.
type State struct {
	Iface    string             `json:"iface"`
	Pipeline string             `json:"pipeline_dir"`
	Manifest *pipeline.Manifest `json:"manifest"`
	Links    []PinnedLink       `json:"links"`
	// Generation counts replacements; pins of a generation's own objects carry it.
	Generation int `json:"generation"`
}

// PinnedLink is one attached program of a segment.
type PinnedLink struct {
	Hook    string `json:"hook"`
	Program string `json:"program"`
	// Stages are the stages the program runs (one per program in tcx mode).
	Stages []string `json:"stages"`
	// Pin is the link's pin, relative to the interface's directory.
	Pin string `json:"pin"`
}

// ifaceDir is the interface's directory under BPFFS.
func ifaceDir(iface string) string { return filepath.Join(BPFFS, "opened", iface) }

// mountBPFFS mounts a bpffs at BPFFS unless one is there.
func mountBPFFS() error {
	var st unix.Statfs_t
	if err := unix.Statfs(BPFFS, &st); err == nil && st.Type == unix.BPF_FS_MAGIC {
		return nil
	}
	// A bpffs mounted in a transient mount namespace (`ip netns exec` remounts /sys) dies
	// with it, and with it every pin: the pipeline would be detached when this process exits.
	self, err1 := os.Readlink("/proc/self/ns/mnt")
	init, err2 := os.Readlink("/proc/1/ns/mnt")
	if err1 == nil && err2 == nil && self != init {
		return fmt.Errorf("no bpffs at %s in this mount namespace (ip netns exec remounts /sys): pins made here would vanish and detach the pipeline; run the loader in the host's mount namespace with --netns NAME instead", BPFFS)
	}
	if err := os.MkdirAll(BPFFS, 0o755); err != nil {
		return err
	}
	if err := unix.Mount("bpf", BPFFS, "bpf", 0, "mode=0700"); err != nil {
		return fmt.Errorf("mount bpffs at %s: %w", BPFFS, err)
	}
	return nil
}

// readState reads the state of iface; (nil, nil) when nothing is attached by OPENED.
func readState(iface string) (*State, error) {
	p := filepath.Join(StateDir, iface, StateFile)
	buf, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var s State
	if err := json.Unmarshal(buf, &s); err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return &s, nil
}

// writeState replaces StateDir/IFACE/state.json atomically.
func writeState(s *State) error {
	buf, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Join(StateDir, s.Iface)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp := filepath.Join(dir, StateFile+".tmp")
	if err := os.WriteFile(tmp, buf, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, StateFile))
}

func removeState(iface string) error {
	return os.RemoveAll(filepath.Join(StateDir, iface))
}
