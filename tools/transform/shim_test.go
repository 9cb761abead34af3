package transform

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"github.com/cilium/ebpf"
	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"

	"github.com/opened-ebpf/opened/tools/internal/cfront"
)

// TestTCShimProtocol runs the tc shim in the kernel: after an XDP-style decapsulation that
// changes IPv4 <-> IPv6, the bytes are exactly XDP's and skb->protocol is the new one.
func TestTCShimProtocol(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []struct{ from, to string }{{"testdata/shim/proto.c", "proto.c"}, {"shim/opened_tc_shim.h", "opened_tc_shim.h"}} {
		b, err := os.ReadFile(f.from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f.to), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := cfront.Compile(context.Background(), "", dir, nil, "proto.c", "proto.o"); err != nil {
		t.Fatal(err)
	}
	coll, err := ebpf.LoadCollection(filepath.Join(dir, "proto.o"))
	if err != nil {
		t.Fatalf("loading the shim test programs (needs root and BPF): %v", err)
	}
	defer coll.Close()

	sixIn4 := ser(eth(layers.EthernetTypeIPv4), v4(layers.IPProtocolIPv6, ip4B, ip4A), gopacket.Payload(innerV6()))
	fourIn6 := ser(eth(layers.EthernetTypeIPv6), v6(layers.IPProtocolIPv4), gopacket.Payload(innerV4()))
	// What XDP gives: the outer header's bytes are gone from the very front, then the new
	// Ethernet header is the 14 bytes that now lead, with the new ethertype.
	xdpDecap := func(f []byte, outer int, proto uint16) []byte {
		out := append([]byte(nil), f[outer:]...)
		binary.BigEndian.PutUint16(out[12:], proto)
		return out
	}
	for _, tc := range []struct {
		prog      string
		in, want  []byte
		wantProto uint16
	}{
		{"v4_to_v6", sixIn4, xdpDecap(sixIn4, 20, 0x86dd), 0x86dd},
		{"v6_to_v4", fourIn6, xdpDecap(fourIn6, 40, 0x0800), 0x0800},
	} {
		opts := &ebpf.RunOptions{Data: tc.in, DataOut: make([]byte, len(tc.in)+64)}
		ret, err := coll.Programs[tc.prog].Run(opts)
		if err != nil {
			t.Fatalf("%s: %v", tc.prog, err)
		}
		got := uint16(ret)
		got = got>>8 | got<<8 // skb->protocol is in network byte order
		if int32(ret) < 0 || got != tc.wantProto {
			t.Errorf("%s: skb->protocol %#04x (ret %d), want %#04x", tc.prog, got, int32(ret), tc.wantProto)
		}
		if !bytes.Equal(opts.DataOut, tc.want) {
			t.Errorf("%s: bytes\n% x\nwant\n% x", tc.prog, opts.DataOut, tc.want)
		}
	}
	in := sixIn4
	out := make([]byte, len(in)+64)
	opts := &ebpf.RunOptions{Data: in, DataOut: out}
	ret, err := coll.Programs["grow4"].Run(opts)
	if err != nil || int(ret) != len(in)+4 {
		t.Fatalf("grow4: ret %d err %v, want length %d", int32(ret), err, len(in)+4)
	}
	if !bytes.Equal(opts.DataOut[:4], []byte{0, 0, 0, 0}) || !bytes.Equal(opts.DataOut[4:len(in)+4], in) {
		t.Errorf("grow4: want 4 zero bytes in front of the frame, got\n% x", opts.DataOut)
	}
}
