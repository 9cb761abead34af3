package loader_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/opened-ebpf/opened/loader"
	"github.com/opened-ebpf/opened/tools/compose"
	"github.com/opened-ebpf/opened/tools/pipeline"
)

const units = "../tools/compose/testdata/units"

var (
	composeOnce sync.Once
	composed    map[string]string
	composeErr  error
)

// pipelines composes the example pipeline (decap, acl at XDP; flowobs ported to tc with
// --chained, ratelimit at TC) in every mode that attaches here, once per test binary.
func pipelines(t *testing.T) map[string]string {
	t.Helper()
	composeOnce.Do(func() {
		dir, err := os.MkdirTemp("", "opened-pipelines-")
		if err != nil {
			composeErr = err
			return
		}
		composed = map[string]string{}
		for _, m := range [][3]string{{"static", "static", "static"}, {"tailcall", "tailcall", "tailcall"}, {"tcx", "static", "tcx"}, {"dispatcher", "xdp-dispatcher", "tcx"}} {
			st := func(n string) compose.Stage { return compose.Stage{Name: n, Dir: filepath.Join(units, n)} }
			cfg := compose.Config{Name: "dp", Mode: m[1], Counters: true, Segments: []compose.Segment{
				{Hook: pipeline.HookXDP, Mode: m[1], Stages: []compose.Stage{st("decap"), st("acl")}},
				{Hook: pipeline.HookTCIngress, Mode: m[2], Stages: []compose.Stage{st("flowobs_tc"), st("ratelimit")}},
			}}
			out := filepath.Join(dir, m[0])
			if _, err := compose.Compose(context.Background(), cfg, out); err != nil {
				composeErr = fmt.Errorf("compose %s: %w", m[0], err)
				return
			}
			composed[m[0]] = out
		}
	})
	if composeErr != nil {
		t.Fatal(composeErr)
	}
	return composed
}

// Each mode attaches on a veth in a namespace of its own, passes real frames with the same
// verdicts per stage as BPF_PROG_TEST_RUN gives, and unloads leaving nothing attached.
func TestLoadModes(t *testing.T) {
	pls := pipelines(t)
	for _, mode := range []string{"static", "tailcall", "tcx"} {
		t.Run(mode, func(t *testing.T) {
			var log strings.Builder
			if err := loader.SelfTest(pls[mode], 300, 7, &log); err != nil {
				t.Fatalf("%v\n%s", err, log.String())
			}
			t.Log(log.String())
		})
	}
}

func testNetns(t *testing.T, tag string) *loader.Netns {
	t.Helper()
	id := fmt.Sprintf("%s%d", tag, os.Getpid()%100000)
	ns, err := loader.NewNetns("opened-"+id, id+"a", id+"b")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ns.Close() })
	return ns
}

// Replacing a running pipeline (static -> tailcall -> tcx -> static) while a bounded stream
// of frames goes through loses no frame: every frame sent arrives past XDP, and the first and
// last stages (whose counter maps the generations share) counted every one exactly once.
func TestReplaceNoLoss(t *testing.T) {
	pls := pipelines(t)
	ns := testNetns(t, "rp")
	const frames = 6000
	frame := udpFrame()
	var recvd atomic.Int64
	var send, recv *loader.PacketSocket
	err := ns.Do(func() error {
		if _, err := loader.LoadPipeline(pls["static"], loader.PipelineOptions{Iface: ns.Iface}); err != nil {
			return err
		}
		a, err := net.InterfaceByName(ns.Iface)
		if err != nil {
			return err
		}
		b, err := net.InterfaceByName(ns.Peer)
		if err != nil {
			return err
		}
		if recv, err = loader.OpenPacketSocket(a.Index); err != nil {
			return err
		}
		// The observer must not be the one losing frames on a busy machine.
		if err := recv.SetRecvBuffer(64 << 20); err != nil {
			return err
		}
		send, err = loader.OpenPacketSocket(b.Index)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	defer send.Close()
	t.Cleanup(func() { ns.Do(func() error { loader.Unload(ns.Iface); return nil }) })
	stop := make(chan struct{})
	go func() {
		buf := make([]byte, 2048)
		for {
			n, err := recv.Recv(buf, 100*time.Millisecond)
			if err == nil && n == len(frame) && string(buf[:n]) == string(frame) {
				recvd.Add(1)
			}
			select {
			case <-stop:
				return
			default:
			}
		}
	}()
	sent := make(chan error, 1)
	go func() {
		for i := 0; i < frames; i++ {
			if err := send.Send(frame); err != nil {
				sent <- err
				return
			}
			if i%32 == 31 {
				time.Sleep(200 * time.Microsecond) // stay below the veth ring's size
			}
		}
		sent <- nil
	}()
	for _, next := range []string{"tailcall", "tcx", "static"} {
		time.Sleep(20 * time.Millisecond)
		err := ns.Do(func() error {
			_, err := loader.LoadPipeline(pls[next], loader.PipelineOptions{Iface: ns.Iface, Replace: true})
			return err
		})
		if err != nil {
			t.Fatalf("replace with %s: %v", next, err)
		}
	}
	if err := <-sent; err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(3 * time.Second)
	for recvd.Load() < frames && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	close(stop)
	if got := recvd.Load(); got != frames {
		t.Errorf("sent %d frames during three replacements, %d arrived", frames, got)
	}
	var sts []loader.Status
	ns.Do(func() error { var err error; sts, err = loader.PipelineStatus(ns.Iface); return err })
	if len(sts) != 1 || sts[0].Stages[0].Verdicts["XDP_PASS"] != frames {
		t.Fatalf("first stage counted %v, want XDP_PASS=%d", sts[0].Stages[0].Verdicts, frames)
	}
	// The TC chain changed shape (1, 2, 1 links: new links go in front, then the old ones
	// leave; the chain's last program ends it): the last TC stage saw every frame exactly once.
	if last := sts[0].Stages[len(sts[0].Stages)-1]; last.Verdicts["TC_ACT_OK"] != frames {
		t.Errorf("last stage %s counted %v, want TC_ACT_OK=%d (all: %+v)", last.Name, last.Verdicts, frames, sts[0].Stages)
	}
}

// udpFrame is an IPv4/UDP frame that every stage of the example pipeline passes.
func udpFrame() []byte {
	ip := []byte{0x45, 0, 0, 32, 0, 1, 0, 0, 64, 17, 0, 0, 10, 0, 0, 2, 10, 0, 0, 1}
	var sum uint32
	for i := 0; i < len(ip); i += 2 {
		sum += uint32(ip[i])<<8 | uint32(ip[i+1])
	}
	for sum > 0xffff {
		sum = sum&0xffff + sum>>16
	}
	ip[10], ip[11] = byte(^sum>>8), byte(^sum)
	udp := []byte{0x30, 0x39, 0, 80, 0, 12, 0, 0, 'o', 'p', 'e', 'n'}
	eth := []byte{2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 8, 0}
	return append(append(eth, ip...), udp...)
}

// Errors come before anything is attached, and leave the interface as it was.
func TestLoadErrors(t *testing.T) {
	pls := pipelines(t)
	ns := testNetns(t, "le")
	err := ns.Do(func() error {
		for _, tc := range []struct {
			name string
			dir  string
			opts loader.PipelineOptions
			want string
			is   error
		}{
			{"missing iface", pls["static"], loader.PipelineOptions{Iface: "nosuchif0"}, `interface "nosuchif0": route ip+net: no such network interface`, nil},
			{"no iface", pls["static"], loader.PipelineOptions{}, "pipeline dp: no interface: give --iface", nil},
			{"replace nothing", pls["static"], loader.PipelineOptions{Iface: ns.Iface, Replace: true}, "runs no pipeline of OPENED: nothing to replace", nil},
			{"freplace refused", pls["dispatcher"], loader.PipelineOptions{Iface: ns.Iface}, "xdp-dispatcher mode: the kernel refuses freplace (BPF_PROG_TYPE_EXT) programs", loader.ErrNoFreplace},
			{"not a pipeline", units + "/decap", loader.PipelineOptions{Iface: ns.Iface}, "read pipeline:", nil},
		} {
			_, err := loader.LoadPipeline(tc.dir, tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				return fmt.Errorf("%s: got %v, want %q", tc.name, err, tc.want)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				return fmt.Errorf("%s: %v is not %v", tc.name, err, tc.is)
			}
			if tc.name == "freplace refused" && !strings.Contains(err.Error(), "static, tailcall and tcx") {
				return fmt.Errorf("freplace error does not name the modes that work: %v", err)
			}
			if sts, _ := loader.PipelineStatus(""); len(sts) > 0 {
				for _, s := range sts {
					if s.Iface == ns.Iface {
						return fmt.Errorf("%s: something is attached after the error", tc.name)
					}
				}
			}
		}
		// Loading twice without --replace is refused and keeps the first pipeline.
		if _, err := loader.LoadPipeline(pls["static"], loader.PipelineOptions{Iface: ns.Iface}); err != nil {
			return err
		}
		defer loader.Unload(ns.Iface)
		_, err := loader.LoadPipeline(pls["tailcall"], loader.PipelineOptions{Iface: ns.Iface})
		if err == nil || !strings.Contains(err.Error(), "already runs pipeline dp") {
			return fmt.Errorf("second load: %v", err)
		}
		sts, err := loader.PipelineStatus(ns.Iface)
		if err != nil || len(sts[0].Links) != 2 || sts[0].Links[0].Err != "" {
			return fmt.Errorf("after a refused load: %+v, %v", sts, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
