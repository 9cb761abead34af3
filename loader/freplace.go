package loader

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
	"github.com/opened-ebpf/opened/tools/pipeline"
	"golang.org/x/sys/unix"
)

// ErrNoFreplace is returned (wrapped) when the kernel refuses BPF_PROG_TYPE_EXT programs,
// which the xdp-dispatcher mode needs to put the stages into the dispatcher's slots.
var ErrNoFreplace = errors.New("the kernel refuses freplace (BPF_PROG_TYPE_EXT) programs")

// The dispatcher's run configuration (libxdp's struct xdp_dispatcher_config, version 2):
// the layout of the generated dispatcher's `conf` variable.
const (
	dispatcherMagic      = 236
	dispatcherVersion    = 2
	maxDispatcherActions = 10
	dispatcherConfigVar  = "conf"
	xdpPass              = 2
)

type dispatcherConfig struct {
	Magic            uint8
	Version          uint8
	NumProgsEnabled  uint8
	IsXDPFrags       uint8
	ChainCallActions [maxDispatcherActions]uint32
	RunPrios         [maxDispatcherActions]uint32
	ProgramFlags     [maxDispatcherActions]uint32
}

// dispatcher is a loaded dispatcher and its stage programs, loaded as extensions of its
// slots prog0, prog1, ...
type dispatcher struct {
	coll   *ebpf.Collection
	prog   *ebpf.Program
	frepls []link.Link
}

// loadDispatcher loads the segment's dispatcher with its run configuration (stage i in slot
// i, priority 10*(i+1), chaining on XDP_PASS only: the pipeline's "continue on pass") and
// the stage programs of spec as extensions of its slots. A kernel refusing extensions fails
// here, before anything is attached.
func (r *loadRun) loadDispatcher(seg pipeline.Segment, spec *ebpf.CollectionSpec, opts ebpf.CollectionOptions) (*ebpf.Collection, *dispatcher, error) {
	if len(seg.Programs) > maxDispatcherActions {
		return nil, nil, fmt.Errorf("segment %s: %d stages, the dispatcher has %d slots", seg.Hook, len(seg.Programs), maxDispatcherActions)
	}
	dspec, err := ebpf.LoadCollectionSpec(filepath.Join(r.dir, seg.DispatcherObject))
	if err != nil {
		return nil, nil, err
	}
	conf := dispatcherConfig{Magic: dispatcherMagic, Version: dispatcherVersion, NumProgsEnabled: uint8(len(seg.Programs))}
	for i := range seg.Programs {
		conf.ChainCallActions[i] = 1 << xdpPass
		conf.RunPrios[i] = uint32(10 * (i + 1))
	}
	v := dspec.Variables[dispatcherConfigVar]
	if v == nil {
		return nil, nil, fmt.Errorf("%s: no run configuration %q", seg.DispatcherObject, dispatcherConfigVar)
	}
	if err := v.Set(conf); err != nil {
		return nil, nil, fmt.Errorf("%s: write run configuration: %w", seg.DispatcherObject, err)
	}
	dcoll, err := ebpf.NewCollection(dspec)
	if err != nil {
		return nil, nil, fmt.Errorf("load dispatcher %s: %w", seg.DispatcherObject, err)
	}
	d := &dispatcher{coll: dcoll, prog: dcoll.Programs[seg.Dispatcher]}
	if d.prog == nil {
		dcoll.Close()
		return nil, nil, fmt.Errorf("%s: no program %s", seg.DispatcherObject, seg.Dispatcher)
	}
	for i, p := range seg.Programs {
		ps := spec.Programs[p]
		if ps == nil {
			dcoll.Close()
			return nil, nil, fmt.Errorf("segment %s: no program %s", seg.Hook, p)
		}
		ps.Type = ebpf.Extension
		ps.AttachType = ebpf.AttachNone
		ps.AttachTarget = d.prog
		ps.AttachTo = fmt.Sprintf("prog%d", i)
	}
	// Programs of the object that are not stages (tail-call targets) stay XDP programs.
	coll, err := ebpf.NewCollectionWithOptions(spec, opts)
	if err != nil {
		dcoll.Close()
		if errors.Is(err, unix.EPERM) {
			return nil, nil, fmt.Errorf("xdp-dispatcher mode: %w: loading stage %s as an extension of the dispatcher's slot prog0: %v; the modes that work here are static, tailcall and tcx (nothing was attached)", ErrNoFreplace, seg.Stages[0], err)
		}
		return nil, nil, fmt.Errorf("segment %s: load the stages as extensions: %w", seg.Hook, err)
	}
	return coll, d, nil
}

// attachDispatcher puts the stages into the dispatcher's slots and attaches the dispatcher.
func (r *loadRun) attachDispatcher(a *attachment) error {
	d := a.disp
	for i, p := range a.seg.Programs {
		l, err := link.AttachFreplace(d.prog, fmt.Sprintf("prog%d", i), a.coll.Programs[p])
		if err != nil {
			return fmt.Errorf("freplace slot prog%d with %s: %w", i, p, err)
		}
		d.frepls = append(d.frepls, l)
		pin := filepath.Join("links", fmt.Sprintf("%s_slot%d_%s_g%d", pipeline.SegmentName(a.seg.Hook), i, p, r.gen))
		if err := l.Pin(filepath.Join(ifaceDir(r.iface.Name), pin)); err != nil {
			return fmt.Errorf("pin freplace link of %s: %w", p, err)
		}
		a.extraPins = append(a.extraPins, pin)
	}
	l, err := link.AttachXDP(link.XDPOptions{Program: d.prog, Interface: r.iface.Index})
	if err != nil {
		return fmt.Errorf("dispatcher: %w", err)
	}
	a.links = append(a.links, l)
	a.updated = append(a.updated, nil)
	pin := filepath.Join("links", fmt.Sprintf("%s_0_%s_g%d", pipeline.SegmentName(a.seg.Hook), a.seg.Dispatcher, r.gen))
	a.pins = append(a.pins, pin)
	return l.Pin(filepath.Join(ifaceDir(r.iface.Name), pin))
}
