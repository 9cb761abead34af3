package packet

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
	"github.com/google/gopacket/pcapgo"
)

// TestRecipesDecode builds every default recipe many times and decodes the frames with
// gopacket: the layers it finds must be the recipe's, lengths and checksums must be right.
func TestRecipesDecode(t *testing.T) {
	want := map[string][]gopacket.LayerType{
		"eth-ipv4-tcp":            {layers.LayerTypeEthernet, layers.LayerTypeIPv4, layers.LayerTypeTCP},
		"eth-ipv4opts-udp":        {layers.LayerTypeEthernet, layers.LayerTypeIPv4, layers.LayerTypeUDP},
		"eth-ipv6-hbh-dst-tcp":    {layers.LayerTypeEthernet, layers.LayerTypeIPv6, layers.LayerTypeIPv6HopByHop, layers.LayerTypeIPv6Destination, layers.LayerTypeTCP},
		"eth-ipv6-frag-first-udp": {layers.LayerTypeEthernet, layers.LayerTypeIPv6, layers.LayerTypeIPv6Fragment},
		"eth-qinq-ipv4-tcp":       {layers.LayerTypeEthernet, layers.LayerTypeDot1Q, layers.LayerTypeDot1Q, layers.LayerTypeIPv4, layers.LayerTypeTCP},
		"eth-ipip-udp":            {layers.LayerTypeEthernet, layers.LayerTypeIPv4, layers.LayerTypeIPv4, layers.LayerTypeUDP},
		"eth-ip6ip6-tcp":          {layers.LayerTypeEthernet, layers.LayerTypeIPv6, layers.LayerTypeIPv6, layers.LayerTypeTCP},
		"eth-gre-ipv4-tcp":        {layers.LayerTypeEthernet, layers.LayerTypeIPv4, layers.LayerTypeGRE, layers.LayerTypeIPv4, layers.LayerTypeTCP},
		"eth-gre-eth-ipv4-udp":    {layers.LayerTypeEthernet, layers.LayerTypeIPv4, layers.LayerTypeGRE, layers.LayerTypeEthernet, layers.LayerTypeIPv4, layers.LayerTypeUDP},
		"eth-ipv6-icmpv6":         {layers.LayerTypeEthernet, layers.LayerTypeIPv6, layers.LayerTypeICMPv6},
	}
	frames, err := Generate(0, 1, Options{})
	if err != nil || len(frames) != 0 {
		t.Fatalf("Generate(0) = %d frames, %v", len(frames), err)
	}
	for _, rc := range DefaultRecipes() {
		frames, err := Generate(50, 7, Options{Recipes: []Recipe{rc}, NoMutations: true})
		if err != nil {
			t.Fatalf("%s: %v", rc.Name, err)
		}
		for _, f := range frames {
			p := gopacket.NewPacket(f.Data, layers.LayerTypeEthernet, gopacket.Default)
			// gopacket guesses application protocols from ports (DNS on 53, ...); random
			// payloads fail those, which says nothing about the headers built here.
			transport := p.Layer(layers.LayerTypeTCP) != nil || p.Layer(layers.LayerTypeUDP) != nil || p.Layer(layers.LayerTypeICMPv6) != nil
			// gopacket decodes only routing type 0; segment routing (type 4) is checked below.
			if rc.Name == "eth-ipv6-srh-tcp" {
				rh := f.Data[14+40:]
				if f.Data[14+6] != 43 || rh[0] != 6 || rh[2] != 4 || int(rh[1]) != 2*int(rh[4]+1) {
					t.Errorf("%s: bad routing header % x", rc.Name, rh[:8])
				}
				continue
			}
			if el := p.ErrorLayer(); el != nil && !transport && !strings.Contains(rc.Name, "frag-later") && rc.Name != "eth-other" {
				t.Errorf("%s: decode error %v\n%s", rc.Name, el.Error(), p.Dump())
				break
			}
			if w, ok := want[rc.Name]; ok {
				got := p.Layers()
				for i, lt := range w {
					if i >= len(got) || got[i].LayerType() != lt {
						t.Errorf("%s: layer %d: got %v, want %v\n%s", rc.Name, i, got, w, p.Dump())
						break
					}
				}
			}
			if ip, ok := p.Layer(layers.LayerTypeIPv4).(*layers.IPv4); ok {
				if int(ip.Length) != len(ip.Contents)+len(ip.Payload) {
					t.Errorf("%s: IPv4 total length %d, bytes %d", rc.Name, ip.Length, len(ip.Contents)+len(ip.Payload))
				}
				csum := ip.Checksum
				c := append([]byte(nil), ip.Contents...)
				c[10], c[11] = 0, 0
				if got := ipChecksum(c); got != csum {
					t.Errorf("%s: IPv4 checksum %#04x, want %#04x", rc.Name, csum, got)
				}
			}
		}
	}
}

func ipChecksum(h []byte) uint16 {
	var s uint32
	for i := 0; i+1 < len(h); i += 2 {
		s += uint32(h[i])<<8 | uint32(h[i+1])
	}
	for s > 0xffff {
		s = s>>16 + s&0xffff
	}
	return ^uint16(s)
}

func TestGenerateDeterministicAndMutations(t *testing.T) {
	a, err := Generate(2000, 42, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Generate(2000, 42, Options{})
	c, _ := Generate(2000, 43, Options{})
	same, trunc, mut := true, 0, 0
	recipes := map[string]bool{}
	for i := range a {
		if !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("frame %d differs for the same seed", i)
		}
		if !bytes.Equal(a[i].Data, c[i].Data) {
			same = false
		}
		if len(a[i].Data) < 14 {
			t.Errorf("frame %d: %d bytes, shorter than an Ethernet header", i, len(a[i].Data))
		}
		switch {
		case strings.HasPrefix(a[i].Mutation, "truncated"):
			trunc++
		case strings.HasPrefix(a[i].Mutation, "mutated"):
			mut++
		}
		recipes[a[i].Recipe] = true
	}
	if same {
		t.Error("seeds 42 and 43 gave the same frames")
	}
	if trunc < 80 || mut < 80 {
		t.Errorf("truncated %d, mutated %d of 2000: want about 160 each", trunc, mut)
	}
	if len(recipes) != len(DefaultRecipes()) {
		t.Errorf("2000 frames used %d of %d recipes", len(recipes), len(DefaultRecipes()))
	}
}

func TestPcapRoundTrip(t *testing.T) {
	gen, err := Generate(500, 3, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var frames [][]byte
	for _, f := range gen {
		frames = append(frames, f.Data)
	}
	p := filepath.Join(t.TempDir(), "x.pcap")
	if err := WritePcap(p, frames); err != nil {
		t.Fatal(err)
	}
	got, err := ReadPcap(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(frames) {
		t.Fatalf("read %d frames, wrote %d", len(got), len(frames))
	}
	for i := range got {
		if !bytes.Equal(got[i], frames[i]) {
			t.Fatalf("frame %d differs", i)
		}
	}
	// Writing the same frames again gives the same bytes.
	p2 := filepath.Join(t.TempDir(), "y.pcap")
	if err := WritePcap(p2, frames); err != nil {
		t.Fatal(err)
	}
	b1, _ := os.ReadFile(p)
	b2, _ := os.ReadFile(p2)
	if !bytes.Equal(b1, b2) {
		t.Error("two writes of the same frames differ")
	}
}

func TestPcapErrors(t *testing.T) {
	var good bytes.Buffer
	if err := EncodePcap(&good, [][]byte{make([]byte, 60), make([]byte, 42)}); err != nil {
		t.Fatal(err)
	}
	g := good.Bytes()
	linux := append([]byte(nil), g...)
	linux[20] = 113 // LINKTYPE_LINUX_SLL
	partial := append([]byte(nil), g...)
	partial[24+8] = 10 // first record: captured 10 of 60 bytes
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "x.pcap: file header: 0 bytes: too short"},
		{"bad magic", []byte("GIF89a not a capture file at all"), "x.pcap: file header: Unknown magic"},
		{"short header", g[:10], "x.pcap: file header:"},
		{"truncated record", g[:len(g)-5], "x.pcap: record 2 (byte offset 100): record truncated"},
		{"record header cut", g[:24+16+60+4], "x.pcap: record 2 (byte offset 100): record truncated"},
		{"link type", linux, "link type"},
		{"partial capture", partial, "x.pcap: record 1 (byte offset 24): frame captured partially (10 of 60 bytes"},
	} {
		_, err := ParsePcap("x.pcap", tc.data)
		var pe *PcapError
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want a PcapError containing %q", tc.name, err, tc.want)
		}
	}
	if _, err := ParsePcap("x.pcap", g); err != nil {
		t.Errorf("good file: %v", err)
	}
}

func TestSummary(t *testing.T) {
	for _, tc := range []struct {
		recipe Recipe
		want   []string
	}{
		{Recipe{"t", []Layer{Ethernet{}, IPv4{}, TCP{}}}, []string{"Ethernet/IPv4/TCP", " > ", "bytes"}},
		{Recipe{"t", []Layer{Ethernet{}, VLAN{}, IPv6{}, UDP{}}}, []string{"Ethernet/VLAN(", ")/IPv6/UDP"}},
		{Recipe{"t", []Layer{Ethernet{}, IPv4{LaterFragment: true}, Payload{Min: 8, Max: 8}}}, []string{"IPv4(frag off "}},
	} {
		fs, err := Generate(1, 1, Options{Recipes: []Recipe{tc.recipe}, NoMutations: true})
		if err != nil {
			t.Fatal(err)
		}
		s := Summary(fs[0].Data)
		for _, w := range tc.want {
			if !strings.Contains(s, w) {
				t.Errorf("Summary = %q, want it to contain %q", s, w)
			}
		}
	}
	if s := Summary([]byte{1, 2, 3}); !strings.Contains(s, "3 bytes") {
		t.Errorf("Summary of 3 bytes = %q", s)
	}
}

// TestPcapNg reads a pcapng file written by gopacket's own pcapng writer, and refuses one
// whose block claims more bytes than the file has.
func TestPcapNg(t *testing.T) {
	gen, err := Generate(20, 8, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w, err := pcapgo.NewNgWriter(&buf, layers.LinkTypeEthernet)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range gen {
		if err := w.WritePacket(gopacket.CaptureInfo{CaptureLength: len(f.Data), Length: len(f.Data)}, f.Data); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	got, err := ParsePcap("x.pcapng", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(gen) {
		t.Fatalf("%d frames, wrote %d", len(got), len(gen))
	}
	for i := range got {
		if !bytes.Equal(got[i], gen[i].Data) {
			t.Fatalf("frame %d differs", i)
		}
	}
	cut := buf.Bytes()[:buf.Len()-10]
	if _, err := ParsePcap("x.pcapng", cut); err == nil || !strings.Contains(err.Error(), "x.pcapng: record ") {
		t.Errorf("truncated pcapng: %v", err)
	}
}
