package loader

import (
	"errors"
	"fmt"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"golang.org/x/sys/unix"
)

// ErrNoFreplace is returned (wrapped) when the kernel refuses BPF_PROG_TYPE_EXT programs,
// which the xdp-dispatcher mode needs to put the stages into the dispatcher's slots.
var ErrNoFreplace = errors.New("the kernel refuses freplace (BPF_PROG_TYPE_EXT) programs")

// probeFreplace loads a one-stub XDP program with BTF and an extension program replacing
// its stub; the kernel refusing the second one means xdp-dispatcher cannot work here.
func probeFreplace() error {
	target, err := ebpf.NewProgram(&ebpf.ProgramSpec{
		Name: "opened_probe", Type: ebpf.XDP, License: "GPL",
		Instructions: asm.Instructions{
			asm.Call.Label("opened_stub"),
			asm.Return(),
			asm.Mov.Imm(asm.R0, 2).WithSymbol("opened_stub"),
			asm.Return(),
		},
	})
	if err != nil {
		return fmt.Errorf("freplace probe: load the target program: %w", err)
	}
	defer target.Close()
	ext, err := ebpf.NewProgram(&ebpf.ProgramSpec{
		Name: "opened_ext", Type: ebpf.Extension, License: "GPL",
		AttachTarget: target, AttachTo: "opened_stub",
		Instructions: asm.Instructions{asm.Mov.Imm(asm.R0, 2), asm.Return()},
	})
	if err == nil {
		ext.Close()
		return nil
	}
	if errors.Is(err, unix.EPERM) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.EOPNOTSUPP) {
		return fmt.Errorf("xdp-dispatcher mode: %w: %v; the modes that work here are static, tailcall and tcx (nothing was attached)", ErrNoFreplace, err)
	}
	return fmt.Errorf("xdp-dispatcher mode: freplace probe: %w", err)
}
