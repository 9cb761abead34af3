package pipeline

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/opened-ebpf/opened/tools/internal/outdir"
)

// Files of a pipeline directory besides the per-segment SEGMENT.c and SEGMENT.o.
const (
	ManifestFile = "manifest.json"
	DotFile      = "pipeline.dot"
)

// Kind is the pipeline directory for package outdir.
var Kind = outdir.Kind{Name: "pipeline", Key: ManifestFile}

// Modes.
const (
	Static        = "static"
	TailCall      = "tailcall"
	TCX           = "tcx"
	XDPDispatcher = "xdp-dispatcher"
)

// Hooks a segment can be at.
const (
	HookXDP       = "xdp"
	HookTCIngress = "tc-ingress"
	HookTCEgress  = "tc-egress"
)

// VerdictSlots is the number of counter slots per stage in a segment's counter map: slot
// v+1 counts return value v for v in -1..13, slot 15 counts any other value.
const VerdictSlots = 16

// MaxStages is the most stages a segment can have; counter maps have MaxStages*VerdictSlots
// entries whatever the pipeline, so that a replaced pipeline keeps counting in the same map.
const MaxStages = 16

// Manifest is manifest.json.
type Manifest struct {
	Name string `json:"name"`
	// Mode is the pipeline's default mode; each segment has its own.
	Mode string `json:"mode"`
	// Iface is the interface the spec names, if any (`opened load --iface` overrides it).
	Iface string `json:"iface,omitempty"`
	// License is the composed programs' license: GPL when any stage is GPL-only.
	License string `json:"license"`
	// Segments are in packet order (xdp before tc-ingress).
	Segments []Segment `json:"segments"`
	// Stages lists every stage in packet order.
	Stages []Stage `json:"stages"`
	// Maps lists the maps of all segments, with the name the loader pins them under.
	Maps []Map `json:"maps"`
	// Features lists the kernel features loading needs (xdp, tcx, tail-call, freplace).
	Features []string `json:"features"`
}

// Segment is the part of a pipeline at one hook: one object file.
type Segment struct {
	Hook string `json:"hook"`
	Mode string `json:"mode"`
	// Source and Object are the generated C file and its clang -O2 -g -target bpf object.
	Source string `json:"source"`
	Object string `json:"object"`
	// Programs are the programs to attach, in chain order: static has one; tailcall lists
	// the chain (the first is attached, the others go into ChainMap); tcx lists one per
	// stage, attached in order; xdp-dispatcher lists the stage programs.
	Programs []string `json:"programs"`
	// ChainMap is the tailcall mode's program array (index i holds Programs[i]).
	ChainMap string `json:"chain_map,omitempty"`
	// Dispatcher is the xdp-dispatcher mode's dispatcher object and program.
	Dispatcher       string `json:"dispatcher,omitempty"`
	DispatcherObject string `json:"dispatcher_object,omitempty"`
	// CounterMap counts each stage's verdicts: key stage*VerdictSlots + slot (per-CPU u64).
	CounterMap string `json:"counter_map,omitempty"`
	// Stages names the segment's stages in order.
	Stages []string `json:"stages"`
}

// Stage is one stage of the pipeline.
type Stage struct {
	Name string `json:"name"`
	Hook string `json:"hook"`
	// Index is the stage's position in its segment (its counter row).
	Index int `json:"index"`
	// Entry and Section are the unit's entry function and section.
	Entry   string `json:"entry"`
	Section string `json:"section"`
	// Function is the entry's name in the generated source.
	Function string `json:"function"`
	// Renamed maps names of the unit to their names in the generated source.
	Renamed map[string]string `json:"renamed,omitempty"`
	// Shared lists definitions dropped because an earlier stage has the same text.
	Shared     []string   `json:"shared,omitempty"`
	License    string     `json:"license"`
	Provenance Provenance `json:"provenance"`
}

// Provenance says where a stage's code came from.
type Provenance struct {
	// Repo is the repository as the spec names it (empty when composed from unit dirs only).
	Repo string `json:"repo,omitempty"`
	// Unit is the unit directory's name.
	Unit string `json:"unit"`
	// Files lists the repository files the unit's code comes from, with their SHA-256 when
	// the repository was at hand, and the unit's mcu.c.
	Files []File `json:"files"`
}

// File is one source file and its SHA-256 (hex).
type File struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256,omitempty"`
}

// Map is one map of a segment's object.
type Map struct {
	// Name is the map's name in the segment's object.
	Name string `json:"name"`
	Hook string `json:"hook"`
	// Type is the BPF_MAP_TYPE_* name.
	Type string `json:"type"`
	// Stages lists the stages using the map (several when their units share its definition).
	Stages []string `json:"stages"`
	// Original is the name in the stages' units (differs from Name when renamed).
	Original string `json:"original,omitempty"`
	// Pin is the path under the pipeline's bpffs directory the loader pins the map at.
	Pin string `json:"pin"`
	// Generated is set for maps OPENED adds (counters, tail-call chain).
	Generated bool `json:"generated,omitempty"`
}

// SegmentName is the file stem of a segment at hook.
func SegmentName(hook string) string { return strings.ReplaceAll(hook, "-", "_") }

// Read reads dir/manifest.json and checks that the objects it names exist.
func Read(dir string) (*Manifest, error) {
	p := filepath.Join(dir, ManifestFile)
	buf, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("read pipeline: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(buf, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	if m.Name == "" || len(m.Segments) == 0 {
		return nil, fmt.Errorf("%s: no name or no segments", p)
	}
	for _, s := range m.Segments {
		if len(s.Programs) == 0 {
			return nil, fmt.Errorf("%s: segment %s has no programs", p, s.Hook)
		}
		for _, f := range []string{s.Object, s.DispatcherObject} {
			if f == "" {
				continue
			}
			if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
				return nil, fmt.Errorf("%s: segment %s: %w", p, s.Hook, err)
			}
		}
	}
	return &m, nil
}
