package hook

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/btf"
	"golang.org/x/sys/unix"
)

// exampleSections gives a concrete section name for patterns that name an
// attach target. Targets are kernel functions present in vmlinux BTF.
var exampleSections = map[string]string{
	"kprobe+":         "kprobe/do_unlinkat",
	"kretprobe+":      "kretprobe/do_unlinkat",
	"tracepoint+":     "tracepoint/syscalls/sys_enter_openat",
	"tp+":             "tp/syscalls/sys_enter_openat",
	"raw_tracepoint+": "raw_tracepoint/sys_enter",
	"raw_tp+":         "raw_tp/sys_enter",
	"tp_btf+":         "tp_btf/netif_receive_skb",
	"fentry+":         "fentry/tcp_v4_rcv",
	"fmod_ret+":       "fmod_ret/security_file_open",
	"fexit+":          "fexit/tcp_v4_rcv",
	"freplace+":       "freplace/ctx_check",
	"lsm+":            "lsm/file_open",
	"lsm.s+":          "lsm.s/file_open",
}

func example(h Hook) string {
	if s, ok := exampleSections[h.Section]; ok {
		return s
	}
	return h.Section
}

func TestForSection(t *testing.T) {
	for _, tc := range []struct {
		sec     string
		pattern string
	}{
		{"xdp", "xdp"},
		{"xdp_prog", "xdp"}, // prefix match, as in cilium/ebpf
		{"xdp.frags", "xdp.frags"},
		{"xdp/devmap", "xdp/devmap"},
		{"xdp.frags/cpumap", "xdp.frags/cpumap"},
		{"?xdp", "xdp"},
		{"tc", "tc"},
		{"tcx/ingress", "tcx/ingress"},
		{"tcx/egress", "tcx/egress"},
		{"tc/ingress", "tc/ingress"},
		{"classifier", "classifier"},
		{"classifier/ingress", "classifier"},
		{"action", "action"},
		{"cgroup_skb/ingress", "cgroup_skb/ingress"},
		{"cgroup_skb/egress", "cgroup_skb/egress"},
		{"socket1", "socket"},
		{"sk_skb/stream_verdict", "sk_skb/stream_verdict"},
		{"sk_skb", "sk_skb"},
		{"sk_msg", "sk_msg"},
		{"lwt_xmit", "lwt_xmit"},
		{"kprobe/do_unlinkat", "kprobe+"},
		{"kprobe", "kprobe+"},
		{"tracepoint/net/netif_receive_skb", "tracepoint+"},
		{"fentry/tcp_v4_rcv", "fentry+"},
		{"fexit/tcp_v4_rcv", "fexit+"},
		{"lsm/file_open", "lsm+"},
		{"freplace/handler", "freplace+"},
	} {
		h, err := ForSection(tc.sec)
		if err != nil {
			t.Errorf("ForSection(%q): %v", tc.sec, err)
			continue
		}
		if h.Section != tc.pattern {
			t.Errorf("ForSection(%q) matched %q, want %q", tc.sec, h.Section, tc.pattern)
		}
	}

	for _, sec := range []string{"maps", ".text", "license", "perf_event", "iter/task", "kprobe.multi/x", "my_section", ""} {
		_, err := ForSection(sec)
		if !errors.Is(err, ErrUnknownSection) {
			t.Errorf("ForSection(%q): got %v, want ErrUnknownSection", sec, err)
		}
	}
}

func TestTableInvariants(t *testing.T) {
	seen := map[string]bool{}
	for i, h := range table {
		if seen[h.Section] {
			t.Errorf("duplicate section %q", h.Section)
		}
		seen[h.Section] = true
		if h.Context == "" || len(h.Returns) == 0 || h.Otherwise == "" {
			t.Errorf("%s: missing context, returns or otherwise", h.Section)
		}
		if !h.Loadable && h.Note == "" {
			t.Errorf("%s: not loadable but no note says why", h.Section)
		}
		if h.Range != nil {
			for _, r := range h.Returns {
				if !h.Range.Contains(r.Value) {
					t.Errorf("%s: %s=%d outside the verifier range %v", h.Section, r.Name, r.Value, *h.Range)
				}
			}
		}
		// A later row must not be shadowed by an earlier one.
		for _, prev := range table[:i] {
			if match(example(h), prev.Section) {
				t.Errorf("%s (example %q) is shadowed by earlier %s", h.Section, example(h), prev.Section)
			}
		}
	}
	for _, want := range []string{"xdp", "xdp.frags", "xdp/devmap", "tc", "tcx/ingress", "tcx/egress", "classifier", "action",
		"cgroup_skb/ingress", "cgroup_skb/egress", "socket", "sk_skb", "sk_msg", "lwt_in", "lwt_out", "lwt_xmit", "lwt_seg6local",
		"kprobe+", "tracepoint+", "fentry+", "fexit+", "lsm+", "freplace+"} {
		if !seen[want] {
			t.Errorf("table lacks %q", want)
		}
	}
}

// buildBPF compiles C source with clang into an object in a temp dir.
func buildBPF(t *testing.T, name, src string) string {
	t.Helper()
	clang := os.Getenv("CLANG")
	if clang == "" {
		clang = "clang"
	}
	dir := t.TempDir()
	c := filepath.Join(dir, name+".c")
	o := filepath.Join(dir, name+".o")
	if err := os.WriteFile(c, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(clang, "-O2", "-g", "-Wall", "-Werror", "-target", "bpf",
		"-I/usr/include/"+multiarch(), "-c", c, "-o", o)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s\n--- source ---\n%s", cmd, err, out, src)
	}
	return o
}

// tableSource renders one tiny program per table row. Network programs pass
// their context to a global subprogram whose parameter has the declared
// context type; the verifier only accepts that if the type is the real
// context type of the program type.
func tableSource() string {
	var b strings.Builder
	b.WriteString(`#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>

struct bpf_nf_ctx { const void *state; struct __sk_buff *skb; };

`)
	for i, h := range table {
		ctx := h.Context + " *"
		first, last := h.Returns[0].Value, h.Returns[len(h.Returns)-1].Value
		if strings.HasPrefix(h.Context, "struct ") {
			fmt.Fprintf(&b, "__attribute__((noinline)) int ctx_check_%d(%sctx) { return ctx != 0; }\n", i, ctx)
			fmt.Fprintf(&b, "SEC(%q) int prog_%d(%sctx) { return ctx_check_%d(ctx) ? %d : %d; }\n\n", example(h), i, ctx, i, first, last)
		} else {
			fmt.Fprintf(&b, "SEC(%q) int prog_%d(%sctx) { return %d; }\n\n", example(h), i, ctx, first)
		}
	}
	b.WriteString("__attribute__((noinline)) int ctx_check(struct __sk_buff *ctx) { return ctx != 0; }\n")
	b.WriteString("SEC(\"xdp\") int wrong_ctx(struct xdp_md *ctx) { return ctx_check((struct __sk_buff *)ctx) ? XDP_PASS : XDP_DROP; }\n")
	b.WriteString("char _license[] SEC(\"license\") = \"GPL\";\n")
	return b.String()
}

// TestTableAgainstKernel builds one program per row with clang and checks
// that cilium/ebpf derives the declared program type, attach type and
// flags from the section, and that the kernel loads the program (with its
// declared context type) exactly when the table says it can.
func TestTableAgainstKernel(t *testing.T) {
	obj := buildBPF(t, "table", tableSource())
	spec, err := ebpf.LoadCollectionSpec(obj)
	if err != nil {
		t.Fatal(err)
	}

	for i, h := range table {
		t.Run(h.Section, func(t *testing.T) {
			ps := spec.Programs[fmt.Sprintf("prog_%d", i)]
			if ps == nil {
				t.Fatalf("program for %s missing from the object", example(h))
			}
			if ps.Type != h.ProgramType || ps.AttachType != h.AttachType || ps.Flags != h.Flags {
				t.Fatalf("cilium/ebpf reads section %q as %s/%s flags %#x; table says %s/%s flags %#x",
					example(h), ps.Type, ps.AttachType, ps.Flags, h.ProgramType, h.AttachType, h.Flags)
			}
			prog, err := ebpf.NewProgram(ps)
			switch {
			case h.Loadable && err != nil:
				t.Fatalf("kernel refused %s (context %s): %v", example(h), h.Context, err)
			case !h.Loadable && err == nil:
				prog.Close()
				t.Fatalf("table says %s cannot be loaded here, but the kernel accepted it", example(h))
			case !h.Loadable && !errors.Is(err, unix.EPERM):
				t.Fatalf("table says %s is refused with EPERM (%s), kernel said: %v", example(h), h.Note, err)
			}
			if prog != nil {
				prog.Close()
			}
		})
	}

	// The context check has teeth: the wrong context type is rejected.
	if prog, err := ebpf.NewProgram(spec.Programs["wrong_ctx"]); err == nil {
		prog.Close()
		t.Fatal("kernel accepted an XDP program passing its context as struct __sk_buff")
	}
}

// TestReturnCodes loads every declared return code of every loadable hook,
// checks the verifier's range where the table declares one (and its absence
// where it does not), and runs the program with BPF_PROG_TEST_RUN where the
// table says that works, checking the kernel hands back the same code.
func TestReturnCodes(t *testing.T) {
	packet := make([]byte, 64)
	copy(packet, []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 1, 2, 3, 4, 5, 0x08, 0x00, 0x45})

	load := func(h Hook, v int32) (*ebpf.Program, error) {
		var target string
		if h.Class == Tracing {
			_, target, _ = strings.Cut(example(h), "/")
		}
		return ebpf.NewProgram(&ebpf.ProgramSpec{
			Name:       "ret",
			Type:       h.ProgramType,
			AttachType: h.AttachType,
			AttachTo:   target,
			Flags:      h.Flags,
			License:    "GPL",
			Instructions: asm.Instructions{
				asm.Mov.Imm32(asm.R0, v),
				asm.Return(),
			},
		})
	}

	for _, h := range table {
		if !h.Loadable {
			continue
		}
		t.Run(h.Section, func(t *testing.T) {
			for _, r := range h.Returns {
				prog, err := load(h, r.Value)
				if err != nil {
					t.Fatalf("%s returning %s (%d): %v", h.Section, r.Name, r.Value, err)
				}
				ret, err := prog.Run(&ebpf.RunOptions{Data: packet})
				prog.Close()
				switch {
				case h.TestRun && err != nil:
					t.Fatalf("test run of %s returning %s: %v", h.Section, r.Name, err)
				case h.TestRun && ret != uint32(r.Value):
					t.Fatalf("test run of %s returning %s: kernel reported %d", h.Section, r.Name, int32(ret))
				case !h.TestRun && err == nil:
					t.Fatalf("table says %s cannot be test-run with a packet, but it ran", h.Section)
				}
			}

			if h.Range == nil {
				prog, err := load(h, 1000)
				if err != nil {
					t.Fatalf("table says the verifier accepts any return at %s, but 1000 was refused: %v", h.Section, err)
				}
				prog.Close()
				return
			}
			for _, v := range []int32{h.Range.Min - 1, h.Range.Max + 1} {
				prog, err := load(h, v)
				if err == nil {
					prog.Close()
					t.Fatalf("table says the verifier enforces %v at %s, but return %d loaded", *h.Range, h.Section, v)
				}
				var ve *ebpf.VerifierError
				if !errors.As(err, &ve) {
					t.Fatalf("return %d at %s: want a verifier error, got %v", v, h.Section, err)
				}
			}
		})
	}
}

// TestXDPToSKBFields reads every mapped field from an XDP program (devmap,
// where egress_ifindex is readable) and the counterpart from a TC program.
func TestXDPToSKBFields(t *testing.T) {
	var xdp, skb strings.Builder
	for _, f := range XDPToSKB {
		fmt.Fprintf(&xdp, "\tif (ctx->%s == 0)\n\t\tv++;\n", f.XDP)
		fmt.Fprintf(&skb, "\tif (ctx->%s == 0)\n\t\tv++;\n", f.SKB)
	}
	src := fmt.Sprintf(`#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
SEC("xdp/devmap") int xdp_fields(struct xdp_md *ctx) {
	__u32 v = 0;
%s	return v ? XDP_PASS : XDP_DROP;
}
SEC("tc") int skb_fields(struct __sk_buff *ctx) {
	__u32 v = 0;
%s	return v ? 0 : 2;
}
char _license[] SEC("license") = "GPL";
`, xdp.String(), skb.String())
	coll, err := ebpf.LoadCollection(buildBPF(t, "fields", src))
	if err != nil {
		t.Fatalf("kernel refused the field mapping programs: %v", err)
	}
	coll.Close()
}

// multiarch names the Debian include directory of the host's asm/ headers.
func multiarch() string {
	switch runtime.GOARCH {
	case "arm64":
		return "aarch64-linux-gnu"
	default:
		return "x86_64-linux-gnu"
	}
}

func TestCheckNetwork(t *testing.T) {
	for _, tc := range []struct {
		sec  string
		want string // "" for network hooks
	}{
		{"xdp", ""},
		{"tcx/ingress", ""},
		{"sk_msg", ""},
		{"kprobe/do_unlinkat", `section "kprobe/do_unlinkat" is a tracing hook (program type Kprobe), not a network function`},
		{"fentry/tcp_v4_rcv", `section "fentry/tcp_v4_rcv" is a tracing hook (program type Tracing), not a network function`},
		{"lsm/file_open", `section "lsm/file_open" is a tracing hook (program type LSM), not a network function`},
		{"freplace/f", `section "freplace/f" is a tracing hook (program type Extension), not a network function`},
	} {
		h, err := ForSection(tc.sec)
		if err != nil {
			t.Fatal(err)
		}
		err = h.CheckNetwork(tc.sec)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.sec, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: got %v, want %q", tc.sec, err, tc.want)
		}
	}
}

func TestTableIsACopy(t *testing.T) {
	tab := Table()
	tab[0].Returns[0].Name = "changed"
	h, _ := ForSection("cgroup_skb/ingress")
	h.Returns[0].Name = "changed"
	h.Range.Max = 42
	for _, h := range table {
		if h.Returns[0].Name == "changed" || h.Range != nil && h.Range.Max == 42 {
			t.Fatalf("%s: Table() or ForSection shares memory with the package table", h.Section)
		}
	}
}

// TestReturnNames checks the numeric value of every named return code
// against the kernel: enum constants against the running kernel's BTF
// (XDP_*, SK_*, BPF_OK, TCX_*, NETKIT_*), the remaining names, which are
// macros (TC_ACT_*, NF_*), against the UAPI headers through clang.
func TestReturnNames(t *testing.T) {
	kernel, err := btf.LoadKernelSpec()
	if err != nil {
		t.Fatalf("kernel BTF: %v", err)
	}
	enums := map[string]int64{}
	for typ, err := range kernel.All() {
		if err != nil {
			t.Fatal(err)
		}
		if e, ok := typ.(*btf.Enum); ok {
			for _, v := range e.Values {
				val := int64(v.Value)
				if e.Signed || e.Size == 4 {
					val = int64(int32(uint32(v.Value)))
				}
				enums[v.Name] = val
			}
		}
	}

	// enum netkit_action is neither in this kernel's BTF (netkit is not
	// built in) nor in the installed UAPI headers (Linux 6.1).
	const unverifiable = "NETKIT_"

	ident := regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)
	macros := map[string]int32{}
	checked, viaBTF := 0, 0
	for _, h := range table {
		for _, r := range h.Returns {
			if !ident.MatchString(r.Name) {
				continue
			}
			if _, ok := enums[r.Name]; !ok && strings.HasPrefix(r.Name, unverifiable) {
				t.Logf("%s: %s = %d not verifiable on this machine", h.Section, r.Name, r.Value)
				continue
			}
			checked++
			if v, ok := enums[r.Name]; ok {
				if v != int64(r.Value) {
					t.Errorf("%s: %s is %d in kernel BTF, table says %d", h.Section, r.Name, v, r.Value)
				}
				viaBTF++
				continue
			}
			macros[r.Name] = r.Value
		}
	}
	if checked == 0 {
		t.Fatal("no named return codes")
	}

	var src strings.Builder
	src.WriteString("#include <linux/bpf.h>\n#include <linux/pkt_cls.h>\n#include <linux/netfilter.h>\n")
	names := make([]string, 0, len(macros))
	for n := range macros {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&src, "_Static_assert(%s == %d, \"%s\");\n", n, macros[n], n)
	}
	buildBPF(t, "names", src.String())
	t.Logf("%d named return codes: %d checked against kernel BTF, %d against %d UAPI macros", checked, viaBTF, checked-viaBTF, len(macros))
}

func TestForContext(t *testing.T) {
	for ctx := range contextHooks {
		h, err := ForContext(ctx)
		if err != nil {
			t.Fatalf("ForContext(%q): %v", ctx, err)
		}
		if h.Context != ctx {
			t.Errorf("ForContext(%q) = section %s with context %q", ctx, h.Section, h.Context)
		}
	}
	if _, err := ForContext("struct pt_regs"); err == nil {
		t.Error("ForContext(struct pt_regs): no error for a tracing context")
	}
}
