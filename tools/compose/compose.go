package compose

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cilium/ebpf"
	"github.com/opened-ebpf/opened/tools/hook"
	"github.com/opened-ebpf/opened/tools/internal/cfront"
	"github.com/opened-ebpf/opened/tools/internal/outdir"
	"github.com/opened-ebpf/opened/tools/mcu"
	"github.com/opened-ebpf/opened/tools/pipeline"
)

// Config says what to compose. The Bazel rule writes it as JSON; the CLI builds it from
// opened.yaml.
type Config struct {
	Name  string `json:"name"`
	Mode  string `json:"mode"`
	Iface string `json:"iface,omitempty"`
	// Spec is the YAML file the pipeline comes from; errors name it and the lines below.
	Spec     string    `json:"spec,omitempty"`
	Line     int       `json:"line,omitempty"`
	Segments []Segment `json:"segments,omitempty"`
	// Stages is the other way to give the stages (the Bazel rule's): one list in packet
	// order, each stage's segment being its unit's hook (XDP units at xdp, TC units at
	// TCHook). SegmentModes overrides Mode per hook.
	Stages       []Stage           `json:"stages,omitempty"`
	TCHook       string            `json:"tc_hook,omitempty"`
	SegmentModes map[string]string `json:"segment_modes,omitempty"`
	// Share lists shared state ("parsed-headers"; not implemented yet: an error).
	Share []string `json:"share,omitempty"`
	// Counters adds per-stage verdict counters to every generated program.
	Counters bool   `json:"counters"`
	Clang    string `json:"clang,omitempty"`
	// CFlags go to every clang run after cfront.BaseFlags (the clang toolchain's host flags,
	// e.g. the multiarch include directory).
	CFlags []string `json:"cflags,omitempty"`
}

// Segment is the stages at one hook.
type Segment struct {
	Hook   string  `json:"hook"`
	Mode   string  `json:"mode"`
	Line   int     `json:"line,omitempty"`
	Stages []Stage `json:"stages"`
}

// Stage is one stage: a unit directory (format tools/mcu).
type Stage struct {
	Name string `json:"name"`
	Dir  string `json:"dir"`
	// Repo and RepoDir are the repository as the spec names it and where it is, for
	// provenance (optional).
	Repo    string `json:"repo,omitempty"`
	RepoDir string `json:"repo_dir,omitempty"`
	Line    int    `json:"line,omitempty"`
	// Hook places the stage in the flat Stages form (default: its unit's hook).
	Hook string `json:"hook,omitempty"`
}

// Error is a composition error located in the spec.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	switch {
	case e.File != "" && e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	case e.File != "":
		return e.File + ": " + e.Msg
	}
	return e.Msg
}

type composer struct {
	cfg       Config
	clangPath string
}

func (c *composer) errorf(line int, format string, args ...any) error {
	return &Error{File: c.cfg.Spec, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// Compose writes the pipeline directory out (atomically, through package outdir).
func Compose(ctx context.Context, cfg Config, out string) (*pipeline.Manifest, error) {
	c := &composer{cfg: cfg}
	var err error
	if c.clangPath, err = cfront.ResolveClang(cfg.Clang); err != nil {
		return nil, err
	}
	if len(cfg.Stages) > 0 {
		if c.cfg.Segments, err = c.segmentsOf(cfg.Stages); err != nil {
			return nil, err
		}
		cfg = c.cfg
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	// Units, checked against their segment's hook.
	units := make([][]*unit, len(cfg.Segments))
	for i, seg := range cfg.Segments {
		for _, st := range seg.Stages {
			u, err := c.loadUnit(ctx, st)
			if err != nil {
				return nil, err
			}
			want := "xdp"
			if seg.Hook != pipeline.HookXDP {
				want = "tc"
			}
			if u.hook != want {
				return nil, c.errorf(st.Line, "stage %s: entry %s is a %s program (section %q) but its segment is at %s: move it with `opened transform --to %s`",
					st.Name, u.fns.Entry, strings.ToUpper(u.hook), u.fns.Section, seg.Hook, seg.Hook)
			}
			units[i] = append(units[i], u)
		}
		if err := c.checkKeptDirs(seg, units[i]); err != nil {
			return nil, err
		}
	}
	license, err := c.license(units)
	if err != nil {
		return nil, err
	}
	m := &pipeline.Manifest{Name: cfg.Name, Mode: cfg.Mode, Iface: cfg.Iface, License: license}
	files := map[string][]byte{}
	features := map[string]bool{}
	for i, seg := range cfg.Segments {
		gs, err := c.generate(seg, units[i], license)
		if err != nil {
			return nil, err
		}
		stem := pipeline.SegmentName(seg.Hook)
		var unitFlags [][]string
		for _, u := range units[i] {
			unitFlags = append(unitFlags, u.flags)
		}
		obj, err := c.compile(ctx, stem, gs.text, c.flags(unitFlags...))
		if err != nil {
			return nil, err
		}
		files[stem+".c"] = []byte(gs.text)
		files[stem+".o"] = obj
		ms := pipeline.Segment{Hook: seg.Hook, Mode: seg.Mode, Source: stem + ".c", Object: stem + ".o",
			Programs: gs.programs, ChainMap: gs.chain, CounterMap: gs.counters}
		for k, u := range units[i] {
			ms.Stages = append(ms.Stages, u.stage.Name)
			p := gs.plans[k]
			ren := map[string]string{}
			for a, b := range p.renamed {
				if a != u.fns.Entry {
					ren[a] = b
				}
			}
			if len(ren) == 0 {
				ren = nil
			}
			m.Stages = append(m.Stages, pipeline.Stage{Name: u.stage.Name, Hook: seg.Hook, Index: k, Entry: u.fns.Entry,
				Section: u.fns.Section, Function: p.entry, Renamed: ren, Shared: p.shared, License: u.license,
				Provenance: u.provenance()})
		}
		maps, err := segmentMaps(seg.Hook, obj, units[i], gs)
		if err != nil {
			return nil, err
		}
		m.Maps = append(m.Maps, maps...)
		switch seg.Mode {
		case pipeline.TCX:
			features["tcx"] = true
		case pipeline.TailCall:
			features["tail-call"] = true
		case pipeline.XDPDispatcher:
			features["freplace"] = true
			dis, err := c.dispatcher(ctx, len(units[i]))
			if err != nil {
				return nil, err
			}
			files[stem+"_dispatcher.c"] = []byte(dis.text)
			files[stem+"_dispatcher.o"] = dis.obj
			ms.Dispatcher, ms.DispatcherObject = dispatcherProgram, stem+"_dispatcher.o"
		}
		if seg.Hook == pipeline.HookXDP {
			features["xdp"] = true
		} else if seg.Mode != pipeline.TCX {
			features["tcx"] = true // TC segments attach through tcx links in every mode
		}
		m.Segments = append(m.Segments, ms)
	}
	for f := range features {
		m.Features = append(m.Features, f)
	}
	sort.Strings(m.Features)
	mj, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	files[pipeline.ManifestFile] = append(mj, '\n')
	files[pipeline.DotFile] = []byte(dot(m))
	var protect []string
	for _, seg := range cfg.Segments {
		for _, st := range seg.Stages {
			protect = append(protect, st.Dir)
			if st.RepoDir != "" {
				protect = append(protect, st.RepoDir)
			}
		}
	}
	err = outdir.Write(out, pipeline.Kind, protect, func(tmp string) error {
		for name, data := range files {
			if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// segmentsOf groups a flat stage list into segments by the hook of each stage's unit.
func (c *composer) segmentsOf(stages []Stage) ([]Segment, error) {
	if len(c.cfg.Segments) > 0 {
		return nil, c.errorf(c.cfg.Line, "give segments or stages, not both")
	}
	tcHook := c.cfg.TCHook
	if tcHook == "" {
		tcHook = pipeline.HookTCIngress
	}
	if tcHook != pipeline.HookTCIngress && tcHook != pipeline.HookTCEgress {
		return nil, c.errorf(c.cfg.Line, "tc_hook %q: want tc-ingress or tc-egress", tcHook)
	}
	var segs []Segment
	for _, st := range stages {
		mu, err := mcu.Read(st.Dir)
		if err != nil {
			return nil, c.errorf(st.Line, "stage %s: %v", st.Name, err)
		}
		h, err := hook.ForSection(mu.Functions.Section)
		if err != nil {
			return nil, c.errorf(st.Line, "stage %s: %v", st.Name, err)
		}
		hk := tcHook
		if h.ProgramType == ebpf.XDP {
			hk = pipeline.HookXDP
		}
		if st.Hook != "" {
			hk = st.Hook // a unit at the wrong hook is reported when the units are read
		}
		if n := len(segs); n == 0 || segs[n-1].Hook != hk {
			if hk == pipeline.HookXDP && n > 0 {
				return nil, c.errorf(st.Line, "stage %s runs at xdp after stages at %s: XDP stages come first (packets reach XDP before TC)", st.Name, segs[n-1].Hook)
			}
			mode := c.cfg.Mode
			if m, ok := c.cfg.SegmentModes[hk]; ok {
				mode = m
			}
			segs = append(segs, Segment{Hook: hk, Mode: mode, Line: c.cfg.Line})
		}
		segs[len(segs)-1].Stages = append(segs[len(segs)-1].Stages, st)
	}
	return segs, nil
}

// check validates the configuration before any unit is read.
func (c *composer) check() error {
	cfg := c.cfg
	if cfg.Name == "" || cIdent(cfg.Name) != cfg.Name {
		return c.errorf(cfg.Line, "pipeline name %q: use letters, digits and '_'", cfg.Name)
	}
	if len(cfg.Share) > 0 {
		return c.errorf(cfg.Line, "share: %s is not implemented yet: the stages parse their headers themselves", strings.Join(cfg.Share, ", "))
	}
	if len(cfg.Segments) == 0 {
		return c.errorf(cfg.Line, "pipeline %s has no segments", cfg.Name)
	}
	seen := map[string]int{}
	hooks := map[string]bool{}
	for _, seg := range cfg.Segments {
		switch seg.Hook {
		case pipeline.HookXDP, pipeline.HookTCIngress, pipeline.HookTCEgress:
		default:
			return c.errorf(seg.Line, "unknown hook %q (known: xdp, tc-ingress, tc-egress)", seg.Hook)
		}
		if hooks[seg.Hook] {
			return c.errorf(seg.Line, "two segments at %s", seg.Hook)
		}
		hooks[seg.Hook] = true
		switch {
		case seg.Mode == pipeline.Static, seg.Mode == pipeline.TailCall:
		case seg.Mode == pipeline.TCX && seg.Hook != pipeline.HookXDP:
		case seg.Mode == pipeline.XDPDispatcher && seg.Hook == pipeline.HookXDP:
		default:
			return c.errorf(seg.Line, "mode %q cannot run a segment at %s", seg.Mode, seg.Hook)
		}
		if len(seg.Stages) == 0 {
			return c.errorf(seg.Line, "segment %s has no stages", seg.Hook)
		}
		if len(seg.Stages) > pipeline.MaxStages {
			return c.errorf(seg.Line, "segment %s has %d stages, at most %d are supported", seg.Hook, len(seg.Stages), pipeline.MaxStages)
		}
		for _, st := range seg.Stages {
			if prev, ok := seen[st.Name]; ok {
				return c.errorf(st.Line, "stage %q already runs in this pipeline (line %d)", st.Name, prev)
			}
			seen[st.Name] = st.Line
			if st.Dir == "" {
				return c.errorf(st.Line, "stage %s: no unit directory", st.Name)
			}
			if cIdent(st.Name) != st.Name {
				for _, o := range seg.Stages {
					if o.Name != st.Name && cIdent(o.Name) == cIdent(st.Name) {
						return c.errorf(st.Line, "stages %s and %s have the same C name %s", st.Name, o.Name, cIdent(st.Name))
					}
				}
			}
		}
	}
	return nil
}

// gplCompatible lists the license strings the kernel treats as GPL-compatible
// (include/linux/license.h).
var gplCompatible = map[string]bool{
	"GPL": true, "GPL v2": true, "GPL and additional rights": true, "Dual BSD/GPL": true,
	"Dual MIT/GPL": true, "Dual MPL/GPL": true,
}

// license is the composed program's license: GPL when every stage is GPL-compatible (a GPL
// stage, or one calling GPL-only helpers, needs it), else the one license all stages share.
// Stages whose licenses cannot be combined are an error naming them.
func (c *composer) license(units [][]*unit) (string, error) {
	var gpl, other *unit
	for _, seg := range units {
		for _, u := range seg {
			if u.license == "" {
				return "", c.errorf(u.stage.Line, "stage %s: unit declares no license (no license section in mcu.o)", u.stage.Name)
			}
			if gplCompatible[u.license] {
				if gpl == nil {
					gpl = u
				}
			} else {
				if other != nil && other.license != u.license {
					return "", c.errorf(u.stage.Line, "license conflict: stage %s is %q, stage %s is %q", u.stage.Name, u.license, other.stage.Name, other.license)
				}
				if other == nil {
					other = u
				}
			}
		}
	}
	switch {
	case gpl != nil && other != nil:
		return "", c.errorf(other.stage.Line, "license conflict: stage %s is %q (not GPL-compatible), stage %s is %q: one program cannot carry both", other.stage.Name, other.license, gpl.stage.Name, gpl.license)
	case gpl != nil:
		return "GPL", nil
	}
	return other.license, nil
}

// compile runs clang -O2 -g -target bpf with flags over text in a temporary directory; the
// object's debug information names the file as stem.c, relative.
func (c *composer) compile(ctx context.Context, stem, text string, flags []string) ([]byte, error) {
	dir, err := os.MkdirTemp("", "opened-compose-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, stem+".c"), []byte(text), 0o644); err != nil {
		return nil, err
	}
	if err := cfront.Compile(ctx, c.clangPath, dir, flags, stem+".c", stem+".o"); err != nil {
		return nil, &Error{File: c.cfg.Spec, Line: c.cfg.Line, Msg: fmt.Sprintf("pipeline %s: the composed %s.c does not compile: %v", c.cfg.Name, stem, err)}
	}
	return os.ReadFile(filepath.Join(dir, stem+".o"))
}

// segmentMaps lists the maps of a segment's object with the stages using them.
func segmentMaps(hook string, obj []byte, us []*unit, gs *segmentSource) ([]pipeline.Map, error) {
	spec, err := ebpf.LoadCollectionSpecFromReader(bytes.NewReader(obj))
	if err != nil {
		return nil, fmt.Errorf("composed %s object: %w", hook, err)
	}
	var out []pipeline.Map
	var names []string
	for n := range spec.Maps {
		if strings.HasPrefix(n, ".") {
			continue // .rodata, .bss, ...: per program
		}
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		pm := pipeline.Map{Name: n, Hook: hook, Type: spec.Maps[n].Type.String(), Pin: pipeline.SegmentName(hook) + "/" + n}
		if n == counterMap || n == chainMap {
			pm.Generated = true
		}
		for k, u := range us {
			for _, um := range u.maps.Maps {
				final := um.Name
				if r, ok := gs.plans[k].renamed[um.Name]; ok {
					final = r
				}
				if final == n {
					pm.Stages = append(pm.Stages, u.stage.Name)
					if um.Name != n {
						pm.Original = um.Name
					}
				}
			}
		}
		out = append(out, pm)
	}
	return out, nil
}
