package loader

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
	"github.com/opened-ebpf/opened/tools/pipeline"
)

// PipelineOptions says where and how to attach a pipeline.
type PipelineOptions struct {
	// Iface is the interface; empty takes the manifest's.
	Iface string
	// Replace swaps the pipeline attached to Iface for this one, atomically per link.
	Replace bool
	// Netns names a network namespace (ip netns add NAME) holding Iface; the loader enters it
	// on one thread only, so that its pins stay in this mount namespace (`ip netns exec`
	// remounts /sys, and pins made there vanish with it).
	Netns string
}

// attachment is one segment's live objects during a load.
type attachment struct {
	seg  pipeline.Segment
	coll *ebpf.Collection
	// links are the segment's links in chain order; updated[i] is the program a reused
	// (updated) link had before, nil for a new link.
	links   []link.Link
	updated []*ebpf.Program
	pins    []string
	// mapPins are pins of program arrays (not shared across generations).
	mapPins []string
	// disp is the xdp-dispatcher mode's dispatcher; extraPins its freplace links' pins.
	disp      *dispatcher
	extraPins []string
}

// loadRun is one LoadPipeline call; undo puts everything back as it was.
type loadRun struct {
	dir     string
	iface   *net.Interface
	m       *pipeline.Manifest
	old     *State
	gen     int
	segs    []*attachment
	oldPins map[string]bool
}

// LoadPipeline loads the pipeline directory dir (format tools/pipeline) and attaches it to
// an interface; the links and maps are pinned under BPFFS/opened/IFACE so that they outlive
// the process. On any error the interface is left exactly as it was: new links are detached,
// reused links get their previous program back, new pins are removed.
func LoadPipeline(dir string, opts PipelineOptions) (st *State, err error) {
	if opts.Netns != "" {
		ns := &Netns{Name: opts.Netns}
		o := opts
		o.Netns = ""
		err = ns.Do(func() error {
			st, err = LoadPipeline(dir, o)
			return err
		})
		return st, err
	}
	m, err := pipeline.Read(dir)
	if err != nil {
		return nil, err
	}
	name := opts.Iface
	if name == "" {
		name = m.Iface
	}
	if name == "" {
		return nil, fmt.Errorf("pipeline %s: no interface: give --iface (or iface: in the spec's pipeline)", m.Name)
	}
	ifc, err := net.InterfaceByName(name)
	if err != nil {
		return nil, fmt.Errorf("interface %q: %w", name, err)
	}
	if err := checkBPF(); err != nil {
		return nil, err
	}
	old, err := readState(name)
	if err != nil {
		return nil, err
	}
	switch {
	case old != nil && !opts.Replace:
		return nil, fmt.Errorf("interface %s already runs pipeline %s (from %s): use --replace to swap it or unload it first", name, old.Manifest.Name, old.Pipeline)
	case old == nil && opts.Replace:
		return nil, fmt.Errorf("interface %s runs no pipeline of OPENED: nothing to replace (load without --replace)", name)
	}
	if err := mountBPFFS(); err != nil {
		return nil, err
	}
	abs, _ := filepath.Abs(dir)
	r := &loadRun{dir: abs, iface: ifc, m: m, old: old, oldPins: map[string]bool{}}
	if old != nil {
		r.gen = old.Generation + 1
	}
	// Pins that exist now stay whatever happens.
	filepath.WalkDir(ifaceDir(name), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			r.oldPins[p] = true
		}
		return nil
	})
	defer func() {
		if err != nil {
			r.undo()
		}
		// The pins hold links and maps from now on: the process's descriptors go.
		for _, a := range r.segs {
			if err == nil {
				for _, l := range a.links {
					l.Close()
				}
			}
			if a.disp != nil {
				if err == nil {
					for _, l := range a.disp.frepls {
						l.Close()
					}
				}
				a.disp.coll.Close()
			}
			a.coll.Close()
		}
	}()
	for _, seg := range m.Segments {
		a, err := r.loadSegment(seg)
		if err != nil {
			return nil, err
		}
		r.segs = append(r.segs, a)
	}
	for _, a := range r.segs {
		if err := r.attach(a); err != nil {
			return nil, fmt.Errorf("pipeline %s: attach %s segment on %s: %w", m.Name, a.seg.Hook, name, err)
		}
	}
	st = &State{Iface: name, Pipeline: abs, Manifest: m, Generation: r.gen}
	for _, a := range r.segs {
		for i, p := range a.seg.Programs {
			if i >= len(a.links) {
				break
			}
			stages := a.seg.Stages
			if len(a.links) > 1 {
				stages = []string{a.seg.Stages[i]}
			}
			if a.disp != nil {
				p = a.seg.Dispatcher
			}
			st.Links = append(st.Links, PinnedLink{Hook: a.seg.Hook, Program: p, Stages: stages, Pin: a.pins[i]})
		}
		for i, pin := range a.extraPins {
			st.Links = append(st.Links, PinnedLink{Hook: a.seg.Hook, Program: a.seg.Programs[i], Stages: []string{a.seg.Stages[i]}, Pin: pin})
		}
	}
	if err := writeState(st); err != nil {
		return nil, err
	}
	// Committed: the old pipeline's links that were not updated in place go, and so do pins
	// of maps the new pipeline does not have.
	if old != nil {
		r.retire(st)
	}
	return st, nil
}

func (r *loadRun) mapsDir(hook string) string {
	return filepath.Join(ifaceDir(r.iface.Name), "maps", pipeline.SegmentName(hook))
}

// loadSegment creates the segment's maps (pinned by name, reusing compatible pins: a
// replaced pipeline keeps its state) and programs.
func (r *loadRun) loadSegment(seg pipeline.Segment) (*attachment, error) {
	obj := filepath.Join(r.dir, seg.Object)
	spec, err := ebpf.LoadCollectionSpec(obj)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", obj, err)
	}
	for name, ms := range spec.Maps {
		switch {
		case strings.HasPrefix(name, "."):
		case ms.Type == ebpf.ProgramArray:
			// holds programs of this load: never shared with another generation
			ms.Pinning = ebpf.PinNone
		default:
			ms.Pinning = ebpf.PinByName
		}
	}
	md := r.mapsDir(seg.Hook)
	if err := os.MkdirAll(md, 0o700); err != nil {
		return nil, err
	}
	opts := ebpf.CollectionOptions{Maps: ebpf.MapOptions{PinPath: md}}
	var disp *dispatcher
	var coll *ebpf.Collection
	if seg.Mode == pipeline.XDPDispatcher {
		coll, disp, err = r.loadDispatcher(seg, spec, opts)
		if err != nil {
			return nil, err
		}
	} else {
		coll, err = ebpf.NewCollectionWithOptions(spec, opts)
	}
	if err != nil {
		var ve *ebpf.VerifierError
		if errors.As(err, &ve) {
			return nil, fmt.Errorf("segment %s (%s): the verifier rejects it: %w", seg.Hook, obj, err)
		}
		return nil, fmt.Errorf("segment %s (%s): %w", seg.Hook, obj, err)
	}
	a := &attachment{seg: seg, coll: coll, disp: disp}
	// The kernel empties a program array when the last user reference goes: the pin keeps
	// it. Its name has the generation: a replacing pipeline gets arrays of its own.
	for _, name := range sortedKeys(coll.Maps) {
		if coll.Maps[name].Type() != ebpf.ProgramArray {
			continue
		}
		pin := filepath.Join(md, fmt.Sprintf("%s_g%d", name, r.gen))
		if err := coll.Maps[name].Pin(pin); err != nil {
			coll.Close()
			return nil, fmt.Errorf("segment %s: pin program array %s: %w", seg.Hook, name, err)
		}
		a.mapPins = append(a.mapPins, pin)
	}
	for _, p := range seg.Programs {
		if coll.Programs[p] == nil {
			coll.Close()
			return nil, fmt.Errorf("segment %s: %s has no program %s", seg.Hook, obj, p)
		}
	}
	if seg.Mode == pipeline.TailCall {
		chain := coll.Maps[seg.ChainMap]
		if chain == nil {
			coll.Close()
			return nil, fmt.Errorf("segment %s: %s has no chain map %s", seg.Hook, obj, seg.ChainMap)
		}
		for i, p := range seg.Programs {
			if err := chain.Put(uint32(i), coll.Programs[p]); err != nil {
				coll.Close()
				return nil, fmt.Errorf("segment %s: fill %s[%d] with %s: %w", seg.Hook, seg.ChainMap, i, p, err)
			}
		}
	}
	return a, nil
}

// attached lists the programs of a segment that get links: the first of a tail-call chain,
// every stage in tcx mode, the one program of static mode.
func attached(seg pipeline.Segment) []string {
	if seg.Mode == pipeline.TCX {
		return seg.Programs
	}
	return seg.Programs[:1]
}

func tcxAttach(hook string) ebpf.AttachType {
	if hook == pipeline.HookTCEgress {
		return ebpf.AttachTCXEgress
	}
	return ebpf.AttachTCXIngress
}

// attach links a segment's programs: with --replace, links of the old pipeline at the same
// hook are updated in place (link.Update: the kernel swaps the program atomically) when the
// number of links is the same; otherwise new links go in front of the old ones, which are
// removed once everything is attached.
func (r *loadRun) attach(a *attachment) error {
	if a.disp != nil {
		if r.old != nil {
			return fmt.Errorf("--replace of an xdp-dispatcher segment is not supported: unload, then load")
		}
		return r.attachDispatcher(a)
	}
	progs := attached(a.seg)
	var oldLinks []PinnedLink
	if r.old != nil {
		for _, l := range r.old.Links {
			if l.Hook == a.seg.Hook {
				oldLinks = append(oldLinks, l)
			}
		}
	}
	if len(oldLinks) == len(progs) {
		for i, p := range progs {
			l, err := link.LoadPinnedLink(filepath.Join(ifaceDir(r.iface.Name), oldLinks[i].Pin), nil)
			if err != nil {
				return fmt.Errorf("open link %s: %w", oldLinks[i].Pin, err)
			}
			info, err := l.Info()
			var prev *ebpf.Program
			if err == nil {
				prev, err = ebpf.NewProgramFromID(info.Program)
			}
			if err != nil {
				l.Close()
				return fmt.Errorf("link %s: current program: %w", oldLinks[i].Pin, err)
			}
			if err := l.Update(a.coll.Programs[p]); err != nil {
				prev.Close()
				l.Close()
				return fmt.Errorf("replace %s with %s: %w", oldLinks[i].Program, p, err)
			}
			a.links = append(a.links, l)
			a.updated = append(a.updated, prev)
			a.pins = append(a.pins, oldLinks[i].Pin)
		}
		return nil
	}
	var first link.Link
	if len(oldLinks) > 0 {
		l, err := link.LoadPinnedLink(filepath.Join(ifaceDir(r.iface.Name), oldLinks[0].Pin), nil)
		if err != nil {
			return fmt.Errorf("open link %s: %w", oldLinks[0].Pin, err)
		}
		defer l.Close()
		first = l
	}
	if err := os.MkdirAll(filepath.Join(ifaceDir(r.iface.Name), "links"), 0o700); err != nil {
		return err
	}
	for i, p := range progs {
		prog := a.coll.Programs[p]
		var l link.Link
		var err error
		if a.seg.Hook == pipeline.HookXDP {
			if first != nil {
				// One XDP link per interface: a different shape cannot be swapped in place.
				return fmt.Errorf("the old pipeline's xdp link cannot take %d programs", len(progs))
			}
			l, err = link.AttachXDP(link.XDPOptions{Program: prog, Interface: r.iface.Index})
		} else {
			anchor := link.Tail()
			switch {
			case i > 0:
				anchor = link.AfterLink(a.links[i-1])
			case first != nil:
				anchor = link.BeforeLink(first)
			}
			l, err = link.AttachTCX(link.TCXOptions{Interface: r.iface.Index, Program: prog, Attach: tcxAttach(a.seg.Hook), Anchor: anchor})
			if err != nil {
				err = fmt.Errorf("tcx (kernel 6.6 or later): %w", err)
			}
		}
		if err != nil {
			return fmt.Errorf("program %s: %w", p, err)
		}
		a.links = append(a.links, l)
		a.updated = append(a.updated, nil)
		pin := filepath.Join("links", fmt.Sprintf("%s_%d_%s_g%d", pipeline.SegmentName(a.seg.Hook), i, p, r.gen))
		a.pins = append(a.pins, pin)
		if err := l.Pin(filepath.Join(ifaceDir(r.iface.Name), pin)); err != nil {
			return fmt.Errorf("pin link of %s: %w", p, err)
		}
	}
	return nil
}

// undo detaches what this run attached, gives updated links their program back and removes
// the pins it created.
func (r *loadRun) undo() {
	for k := len(r.segs) - 1; k >= 0; k-- {
		a := r.segs[k]
		if a.disp != nil {
			for _, l := range a.disp.frepls {
				l.Unpin()
				l.Close()
			}
		}
		for i := len(a.links) - 1; i >= 0; i-- {
			l := a.links[i]
			if prev := a.updated[i]; prev != nil {
				l.Update(prev)
				prev.Close()
			} else {
				l.Unpin()
			}
			l.Close()
		}
	}
	var created []string
	filepath.WalkDir(ifaceDir(r.iface.Name), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !r.oldPins[p] {
			created = append(created, p)
		}
		return nil
	})
	for _, p := range created {
		os.Remove(p)
	}
	if len(r.oldPins) == 0 {
		os.RemoveAll(ifaceDir(r.iface.Name))
	}
}

// retire removes the old pipeline's links that the new one did not update in place, and the
// pins of maps the new pipeline does not have.
func (r *loadRun) retire(st *State) {
	keep := map[string]bool{}
	for _, l := range st.Links {
		keep[l.Pin] = true
	}
	for _, l := range r.old.Links {
		if keep[l.Pin] {
			continue
		}
		if ll, err := link.LoadPinnedLink(filepath.Join(ifaceDir(r.iface.Name), l.Pin), nil); err == nil {
			ll.Unpin()
			ll.Close()
		}
	}
	for _, a := range r.segs {
		for i, prev := range a.updated {
			if prev != nil {
				prev.Close()
				a.updated[i] = nil
			}
		}
	}
	want := map[string]bool{}
	for _, a := range r.segs {
		for name := range a.coll.Maps {
			want[filepath.Join(r.mapsDir(a.seg.Hook), name)] = true
		}
		for _, p := range a.mapPins {
			want[p] = true
		}
	}
	filepath.WalkDir(filepath.Join(ifaceDir(r.iface.Name), "maps"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !want[p] {
			os.Remove(p)
		}
		return nil
	})
}
