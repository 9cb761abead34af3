package packet

import (
	"fmt"
	"math/rand"
	"net"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
)

// A Layer is the recipe of one protocol layer: Build draws its fields from r. Fields that
// name the next layer (EtherType, IP protocol, next header) and lengths and checksums are
// left to the generator, which sets them from the layer that follows and from the bytes.
type Layer interface {
	Build(r *rand.Rand) gopacket.SerializableLayer
}

// A Recipe is one kind of frame: its layers, outermost first. A recipe whose last layer is
// not a Payload gets a random payload of 0 to 64 bytes.
type Recipe struct {
	Name   string
	Layers []Layer
}

// Build draws one frame of the recipe from r.
func (rc Recipe) Build(r *rand.Rand) ([]byte, error) {
	ls := make([]gopacket.SerializableLayer, 0, len(rc.Layers)+1)
	for _, l := range rc.Layers {
		ls = append(ls, l.Build(r))
	}
	if _, ok := rc.Layers[len(rc.Layers)-1].(Payload); !ok {
		ls = append(ls, Payload{Max: 64}.Build(r))
	}
	if err := link(ls); err != nil {
		return nil, fmt.Errorf("recipe %s: %v", rc.Name, err)
	}
	buf := gopacket.NewSerializeBuffer()
	opts := gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}
	if err := gopacket.SerializeLayers(buf, opts, ls...); err != nil {
		return nil, fmt.Errorf("recipe %s: %v", rc.Name, err)
	}
	return append([]byte(nil), buf.Bytes()...), nil
}

// link sets each layer's "next protocol" field from the layer after it and points
// transport checksums at the closest network layer before them.
func link(ls []gopacket.SerializableLayer) error {
	var netLayer gopacket.NetworkLayer
	for i, l := range ls {
		var next gopacket.LayerType = gopacket.LayerTypePayload
		if i+1 < len(ls) {
			next = ls[i+1].LayerType()
		}
		switch l := l.(type) {
		case *layers.Ethernet:
			l.EthernetType = etherType(next, false)
			if next == layers.LayerTypeDot1Q && i+2 < len(ls) && ls[i+2].LayerType() == layers.LayerTypeDot1Q {
				l.EthernetType = layers.EthernetTypeQinQ // outer (service) tag of QinQ
			}
		case *layers.Dot1Q:
			l.Type = etherType(next, false)
		case *layers.GRE:
			l.Protocol = etherType(next, true)
		case *layers.IPv4:
			l.Protocol = ipProto(next)
			netLayer = l
		case *layers.IPv6:
			l.NextHeader = ipProto(next)
			netLayer = l
		case *layers.IPv6HopByHop:
			l.NextHeader = ipProto(next)
		case *layers.IPv6Destination:
			l.NextHeader = ipProto(next)
		case *IPv6Routing:
			l.NextHeader = ipProto(next)
		case *IPv6Fragment:
			l.NextHeader = ipProto(next)
		case *GUE:
			l.Protocol = ipProto(next)
			if l.Direct && next != layers.LayerTypeIPv4 && next != layers.LayerTypeIPv6 {
				return fmt.Errorf("direct GUE must carry IPv4 or IPv6, not %v", next)
			}
		case *layers.TCP:
			if netLayer == nil {
				return fmt.Errorf("TCP without a network layer before it")
			}
			if err := l.SetNetworkLayerForChecksum(netLayer); err != nil {
				return err
			}
		case *layers.UDP:
			if netLayer == nil {
				return fmt.Errorf("UDP without a network layer before it")
			}
			if err := l.SetNetworkLayerForChecksum(netLayer); err != nil {
				return err
			}
		case *layers.ICMPv6:
			if netLayer == nil {
				return fmt.Errorf("ICMPv6 without a network layer before it")
			}
			if err := l.SetNetworkLayerForChecksum(netLayer); err != nil {
				return err
			}
		}
	}
	return nil
}

func etherType(next gopacket.LayerType, gre bool) layers.EthernetType {
	switch next {
	case layers.LayerTypeIPv4:
		return layers.EthernetTypeIPv4
	case layers.LayerTypeIPv6:
		return layers.EthernetTypeIPv6
	case layers.LayerTypeDot1Q:
		return layers.EthernetTypeDot1Q
	case layers.LayerTypeEthernet:
		if gre {
			return layers.EthernetTypeTransparentEthernetBridging
		}
	case layers.LayerTypeARP:
		return layers.EthernetTypeARP
	}
	return 0x88b5 // IEEE 802 local experimental EtherType: "something else"
}

func ipProto(next gopacket.LayerType) layers.IPProtocol {
	switch next {
	case layers.LayerTypeIPv4:
		return layers.IPProtocolIPv4
	case layers.LayerTypeIPv6:
		return layers.IPProtocolIPv6
	case layers.LayerTypeTCP:
		return layers.IPProtocolTCP
	case layers.LayerTypeUDP:
		return layers.IPProtocolUDP
	case layers.LayerTypeICMPv4:
		return layers.IPProtocolICMPv4
	case layers.LayerTypeICMPv6:
		return layers.IPProtocolICMPv6
	case layers.LayerTypeGRE:
		return layers.IPProtocolGRE
	case layers.LayerTypeIPv6HopByHop:
		return layers.IPProtocolIPv6HopByHop
	case layers.LayerTypeIPv6Destination:
		return layers.IPProtocolIPv6Destination
	case layers.LayerTypeIPv6Routing:
		return layers.IPProtocolIPv6Routing
	case layers.LayerTypeIPv6Fragment:
		return layers.IPProtocolIPv6Fragment
	}
	return layers.IPProtocolNoNextHeader
}

// Addresses are drawn from small pools, so that stateful programs see repeated flows and
// lookups that hit as well as miss.
var (
	macPool  = []net.HardwareAddr{{0x02, 0, 0, 0, 0, 1}, {0x02, 0, 0, 0, 0, 2}, {0x02, 0, 0, 0, 0, 3}, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff}}
	ip4Pool  = []net.IP{{10, 0, 0, 1}, {10, 0, 0, 2}, {10, 0, 1, 1}, {192, 168, 1, 10}, {172, 16, 0, 5}, {8, 8, 8, 8}, {127, 0, 0, 1}, {224, 0, 0, 1}}
	ip6Pool  = []net.IP{net.ParseIP("fd00::1"), net.ParseIP("fd00::2"), net.ParseIP("fd00:1::10"), net.ParseIP("2001:db8::1"), net.ParseIP("fe80::1"), net.ParseIP("::1"), net.ParseIP("ff02::1")}
	portPool = []uint16{22, 53, 80, 443, 6080, 8080, 1024, 40000, 65535}
)

func pickIP4(r *rand.Rand) net.IP { return append(net.IP(nil), ip4Pool[r.Intn(len(ip4Pool))]...) }
func pickIP6(r *rand.Rand) net.IP { return append(net.IP(nil), ip6Pool[r.Intn(len(ip6Pool))]...) }
func pickPort(r *rand.Rand) uint16 {
	if r.Intn(4) == 0 {
		return uint16(r.Intn(65536))
	}
	return portPool[r.Intn(len(portPool))]
}

// Ethernet is an Ethernet II header with addresses from a small pool.
type Ethernet struct{}

func (Ethernet) Build(r *rand.Rand) gopacket.SerializableLayer {
	return &layers.Ethernet{SrcMAC: macPool[r.Intn(3)], DstMAC: macPool[r.Intn(len(macPool))]}
}

// VLAN is an 802.1Q tag. Two in a row are QinQ: the EtherType before the outer (service)
// tag is then 0x88a8.
type VLAN struct{}

func (VLAN) Build(r *rand.Rand) gopacket.SerializableLayer {
	return &layers.Dot1Q{Priority: uint8(r.Intn(8)), VLANIdentifier: uint16(1 + r.Intn(4094))}
}

// IPv4 is an IPv4 header. Options adds 1 to 3 options (NOP, record route, timestamp,
// router alert); FirstFragment sets MF with offset 0; LaterFragment sets a non-zero
// offset (what follows is then not a transport header: put a Payload after it).
type IPv4 struct {
	Options       bool
	FirstFragment bool
	LaterFragment bool
}

func (v IPv4) Build(r *rand.Rand) gopacket.SerializableLayer {
	ip := &layers.IPv4{Version: 4, TTL: uint8(1 + r.Intn(64)), TOS: uint8(r.Intn(4) << 2), Id: uint16(r.Intn(65536)),
		SrcIP: pickIP4(r), DstIP: pickIP4(r)}
	if r.Intn(2) == 0 {
		ip.Flags = layers.IPv4DontFragment
	}
	if v.Options {
		n := 1 + r.Intn(3)
		for i := 0; i < n; i++ {
			switch r.Intn(4) {
			case 0:
				ip.Options = append(ip.Options, layers.IPv4Option{OptionType: 1, OptionLength: 1}) // NOP
			case 1: // record route with room for two addresses
				ip.Options = append(ip.Options, layers.IPv4Option{OptionType: 7, OptionLength: 11, OptionData: []byte{4, 0, 0, 0, 0, 0, 0, 0, 0}})
			case 2: // timestamp, one slot
				ip.Options = append(ip.Options, layers.IPv4Option{OptionType: 68, OptionLength: 8, OptionData: []byte{5, 0, 0, 0, 0, 0}})
			default: // router alert
				ip.Options = append(ip.Options, layers.IPv4Option{OptionType: 148, OptionLength: 4, OptionData: []byte{0, 0}})
			}
		}
	}
	switch {
	case v.FirstFragment:
		ip.Flags = layers.IPv4MoreFragments
	case v.LaterFragment:
		ip.FragOffset = uint16(1 + r.Intn(180))
		if r.Intn(2) == 0 {
			ip.Flags = layers.IPv4MoreFragments
		}
	}
	return ip
}

// IPv6 is an IPv6 header.
type IPv6 struct{}

func (IPv6) Build(r *rand.Rand) gopacket.SerializableLayer {
	return &layers.IPv6{Version: 6, TrafficClass: uint8(r.Intn(4) << 2), FlowLabel: uint32(r.Intn(1 << 20)),
		HopLimit: uint8(1 + r.Intn(64)), SrcIP: pickIP6(r), DstIP: pickIP6(r)}
}

// HopByHop is an IPv6 hop-by-hop options header with one PadN-like experimental option
// filling 8 bytes.
type HopByHop struct{}

func (HopByHop) Build(r *rand.Rand) gopacket.SerializableLayer {
	opt := &layers.IPv6HopByHopOption{OptionType: 0x1e, OptionLength: 4, OptionData: []byte{byte(r.Intn(256)), 0, 0, 0}}
	return &layers.IPv6HopByHop{Options: []*layers.IPv6HopByHopOption{opt}}
}

// DestOpts is an IPv6 destination options header of 8 bytes.
type DestOpts struct{}

func (DestOpts) Build(r *rand.Rand) gopacket.SerializableLayer {
	opt := &layers.IPv6DestinationOption{OptionType: 0x1e, OptionLength: 4, OptionData: []byte{0, byte(r.Intn(256)), 0, 0}}
	return &layers.IPv6Destination{Options: []*layers.IPv6DestinationOption{opt}}
}

// Routing is an IPv6 segment routing header with 1 or 2 segments.
type Routing struct{}

func (Routing) Build(r *rand.Rand) gopacket.SerializableLayer {
	rt := &IPv6Routing{RoutingType: 4}
	n := 1 + r.Intn(2)
	for i := 0; i < n; i++ {
		var a [16]byte
		copy(a[:], pickIP6(r))
		rt.Addresses = append(rt.Addresses, a)
	}
	rt.SegmentsLeft = uint8(r.Intn(n + 1))
	return rt
}

// Fragment6 is an IPv6 fragment header; Later gives a non-zero offset (follow it with a
// Payload).
type Fragment6 struct{ Later bool }

func (f Fragment6) Build(r *rand.Rand) gopacket.SerializableLayer {
	h := &IPv6Fragment{Identification: r.Uint32(), MoreFragments: !f.Later || r.Intn(2) == 0}
	if f.Later {
		h.FragmentOffset = uint16(1 + r.Intn(180))
	}
	return h
}

// TCP is a TCP header with random flags (SYN, SYN-ACK, ACK, FIN, RST mixes).
type TCP struct{}

func (TCP) Build(r *rand.Rand) gopacket.SerializableLayer {
	t := &layers.TCP{SrcPort: layers.TCPPort(pickPort(r)), DstPort: layers.TCPPort(pickPort(r)), Seq: r.Uint32(), Window: uint16(r.Intn(65536))}
	switch r.Intn(5) {
	case 0:
		t.SYN = true
	case 1:
		t.SYN, t.ACK = true, true
	case 2:
		t.ACK, t.PSH = true, true
	case 3:
		t.FIN, t.ACK = true, true
	default:
		t.RST = true
	}
	if t.ACK {
		t.Ack = r.Uint32()
	}
	if r.Intn(3) == 0 {
		t.Options = []layers.TCPOption{{OptionType: layers.TCPOptionKindMSS, OptionLength: 4, OptionData: []byte{0x05, 0xb4}}}
	}
	return t
}

// UDP is a UDP header; DstPort 0 draws a port.
type UDP struct{ DstPort uint16 }

func (u UDP) Build(r *rand.Rand) gopacket.SerializableLayer {
	d := u.DstPort
	if d == 0 {
		d = pickPort(r)
	}
	return &layers.UDP{SrcPort: layers.UDPPort(pickPort(r)), DstPort: layers.UDPPort(d)}
}

// ICMPv4 is an ICMP echo request or reply, or destination unreachable.
type ICMPv4 struct{}

func (ICMPv4) Build(r *rand.Rand) gopacket.SerializableLayer {
	types := []uint8{layers.ICMPv4TypeEchoRequest, layers.ICMPv4TypeEchoReply, layers.ICMPv4TypeDestinationUnreachable}
	return &layers.ICMPv4{TypeCode: layers.CreateICMPv4TypeCode(types[r.Intn(len(types))], 0), Id: uint16(r.Intn(65536)), Seq: uint16(r.Intn(65536))}
}

// ICMPv6 is an ICMPv6 echo request or reply, or neighbor solicitation (header only: the
// body is the payload).
type ICMPv6 struct{}

func (ICMPv6) Build(r *rand.Rand) gopacket.SerializableLayer {
	types := []uint8{layers.ICMPv6TypeEchoRequest, layers.ICMPv6TypeEchoReply, layers.ICMPv6TypeNeighborSolicitation}
	return &layers.ICMPv6{TypeCode: layers.CreateICMPv6TypeCode(types[r.Intn(len(types))], 0)}
}

// GRE is a GRE header, with a key half of the time.
type GRE struct{}

func (GRE) Build(r *rand.Rand) gopacket.SerializableLayer {
	g := &layers.GRE{}
	if r.Intn(2) == 0 {
		g.KeyPresent, g.Key = true, r.Uint32()
	}
	return g
}

// GUEHeader is a GUE header (variant 0), or the direct variant 1 (no header bytes).
type GUEHeader struct{ Direct bool }

func (g GUEHeader) Build(r *rand.Rand) gopacket.SerializableLayer { return &GUE{Direct: g.Direct} }

// Payload is Min to Max random bytes (Max 0: 0 to 64).
type Payload struct{ Min, Max int }

func (p Payload) Build(r *rand.Rand) gopacket.SerializableLayer {
	max := p.Max
	if max == 0 {
		max = 64
	}
	n := p.Min
	if max > p.Min {
		n += r.Intn(max - p.Min + 1)
	}
	b := make([]byte, n)
	r.Read(b)
	return gopacket.Payload(b)
}
