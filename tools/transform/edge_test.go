package transform

import (
	"encoding/binary"
	"net"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
)

var (
	macA = net.HardwareAddr{0x02, 0, 0, 0, 0, 0x0a}
	macB = net.HardwareAddr{0x02, 0, 0, 0, 0, 0x0b}
	ip4A = net.IPv4(10, 0, 0, 5).To4()
	ip4B = net.IPv4(10, 0, 0, 9).To4()
	vip  = net.IPv4(192, 168, 10, 10).To4()
	ip6A = net.ParseIP("2001:db8::5")
	ip6B = net.ParseIP("2001:db8::9")
)

func ser(ls ...gopacket.SerializableLayer) []byte {
	buf := gopacket.NewSerializeBuffer()
	if err := gopacket.SerializeLayers(buf, gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}, ls...); err != nil {
		panic(err)
	}
	return append([]byte(nil), buf.Bytes()...)
}

func eth(t layers.EthernetType) *layers.Ethernet {
	return &layers.Ethernet{SrcMAC: macA, DstMAC: macB, EthernetType: t}
}

func v4(proto layers.IPProtocol, src, dst net.IP) *layers.IPv4 {
	return &layers.IPv4{Version: 4, IHL: 5, TTL: 64, Protocol: proto, SrcIP: src, DstIP: dst, Flags: layers.IPv4DontFragment}
}

func v6(next layers.IPProtocol) *layers.IPv6 {
	return &layers.IPv6{Version: 6, NextHeader: next, HopLimit: 64, SrcIP: ip6A, DstIP: ip6B}
}

func udp(sport, dport uint16, ip gopacket.NetworkLayer) *layers.UDP {
	u := &layers.UDP{SrcPort: layers.UDPPort(sport), DstPort: layers.UDPPort(dport)}
	u.SetNetworkLayerForChecksum(ip)
	return u
}

func tcp(ip gopacket.NetworkLayer) *layers.TCP {
	t := &layers.TCP{SrcPort: 40000, DstPort: 80, Seq: 7, SYN: true, Window: 1024}
	t.SetNetworkLayerForChecksum(ip)
	return t
}

func payload(n int, first byte) gopacket.Payload {
	p := make([]byte, n)
	for i := range p {
		p[i] = byte(i * 7)
	}
	if n > 0 {
		p[0] = first
	}
	return gopacket.Payload(p)
}

// innerV4 and innerV6 are complete inner packets for encapsulations.
func innerV4() []byte {
	ip := v4(layers.IPProtocolUDP, ip4A, ip4B)
	return ser(ip, udp(1000, 2000, ip), payload(24, 1))
}

func innerV6() []byte {
	ip := v6(layers.IPProtocolUDP)
	return ser(ip, udp(1000, 2000, ip), payload(24, 1))
}

// edgeFrames are the hand-written frames of each NF: its interesting paths and the borders
// of its checks. Every NF also gets the common ones.
func edgeFrames(nf string) [][]byte {
	common := [][]byte{
		ser(eth(layers.EthernetTypeIPv4)),
		append(ser(eth(layers.EthernetTypeIPv4)), 0x45, 0, 0),
		ser(eth(layers.EthernetTypeARP), payload(28, 0)),
		ser(eth(layers.EthernetTypeIPv6), payload(10, 0x60)),
	}
	var out [][]byte
	switch nf {
	case "decap":
		o := v4(layers.IPProtocolIPv4, ip4B, ip4A)
		out = append(out, ser(eth(layers.EthernetTypeIPv4), o, gopacket.Payload(innerV4())))
		o = v4(layers.IPProtocolIPv6, ip4B, ip4A)
		out = append(out, ser(eth(layers.EthernetTypeIPv4), o, gopacket.Payload(innerV6())))
		o = v4(layers.IPProtocolUDP, ip4B, ip4A)
		out = append(out, ser(eth(layers.EthernetTypeIPv4), o, udp(5555, 6080, o), gopacket.Payload(innerV4())))
		o = v4(layers.IPProtocolUDP, ip4B, ip4A)
		out = append(out, ser(eth(layers.EthernetTypeIPv4), o, udp(5555, 6080, o), gopacket.Payload(innerV6())))
		o = v4(layers.IPProtocolUDP, ip4B, ip4A)
		out = append(out, ser(eth(layers.EthernetTypeIPv4), o, udp(5555, 6080, o), payload(30, 0x20)))
		o = v4(layers.IPProtocolUDP, ip4B, ip4A)
		out = append(out, ser(eth(layers.EthernetTypeIPv4), o, udp(5555, 6080, o)))
		o6 := v6(layers.IPProtocolIPv4)
		out = append(out, ser(eth(layers.EthernetTypeIPv6), o6, gopacket.Payload(innerV4())))
		o = v4(layers.IPProtocolIPv4, ip4B, ip4A)
		o.Flags, o.FragOffset = layers.IPv4MoreFragments, 0
		out = append(out, ser(eth(layers.EthernetTypeIPv4), o, gopacket.Payload(innerV4())))
		// Short inner (less than the inner IPv6 header): protocol change on a tiny frame.
		o = v4(layers.IPProtocolIPv6, ip4B, ip4A)
		out = append(out, ser(eth(layers.EthernetTypeIPv4), o, payload(8, 0x60)))
	case "encap":
		ip := v4(layers.IPProtocolUDP, ip4A, ip4B)
		out = append(out, ser(eth(layers.EthernetTypeIPv4), ip, udp(1, 4789, ip), payload(40, 0)))
		ip = v4(layers.IPProtocolUDP, ip4A, ip4B)
		out = append(out, ser(eth(layers.EthernetTypeIPv4), ip, udp(1, 4789, ip)))
		ip = v4(layers.IPProtocolUDP, ip4A, ip4B)
		out = append(out, ser(eth(layers.EthernetTypeIPv4), ip, udp(1, 4788, ip), payload(40, 0)))
		ip = v4(layers.IPProtocolTCP, ip4A, ip4B)
		out = append(out, ser(eth(layers.EthernetTypeIPv4), ip, tcp(ip)))
	case "icmp_echo":
		ip := v4(layers.IPProtocolICMPv4, ip4A, ip4B)
		out = append(out, ser(eth(layers.EthernetTypeIPv4), ip, &layers.ICMPv4{TypeCode: layers.CreateICMPv4TypeCode(8, 0), Id: 7, Seq: 1}, payload(32, 0)))
		ip = v4(layers.IPProtocolICMPv4, ip4A, ip4B)
		out = append(out, ser(eth(layers.EthernetTypeIPv4), ip, &layers.ICMPv4{TypeCode: layers.CreateICMPv4TypeCode(0, 0), Id: 7, Seq: 1}))
		ip = v4(layers.IPProtocolICMPv4, ip4A, ip4B)
		out = append(out, ser(eth(layers.EthernetTypeIPv4), ip, payload(4, 8)))
		ip = v4(layers.IPProtocolICMPv4, ip4A, ip4B)
		out = append(out, ser(eth(layers.EthernetTypeIPv4), ip, &layers.ICMPv4{TypeCode: layers.CreateICMPv4TypeCode(8, 1)}))
	case "vlan":
		for _, vid := range []uint16{100, 5} {
			ip := v4(layers.IPProtocolUDP, ip4A, ip4B)
			out = append(out, ser(eth(layers.EthernetTypeDot1Q), &layers.Dot1Q{VLANIdentifier: vid, Type: layers.EthernetTypeIPv4}, ip, udp(1, 2, ip), payload(20, 0)))
			ip6 := v6(layers.IPProtocolUDP)
			out = append(out, ser(eth(layers.EthernetTypeDot1Q), &layers.Dot1Q{VLANIdentifier: vid, Type: layers.EthernetTypeIPv6}, ip6, udp(1, 2, ip6), payload(20, 0)))
		}
		out = append(out, ser(eth(layers.EthernetTypeDot1Q), &layers.Dot1Q{VLANIdentifier: 100, Type: layers.EthernetTypeARP}, payload(28, 0)))
		out = append(out, ser(eth(layers.EthernetTypeDot1Q)))
		ip := v4(layers.IPProtocolTCP, ip4A, ip4B)
		out = append(out, ser(eth(layers.EthernetTypeIPv4), ip, tcp(ip)))
		ip6 := v6(layers.IPProtocolTCP)
		out = append(out, ser(eth(layers.EthernetTypeIPv6), ip6, tcp(ip6)))
	case "counters", "meta":
		ip := v4(layers.IPProtocolTCP, ip4A, ip4B)
		out = append(out, ser(eth(layers.EthernetTypeIPv4), ip, tcp(ip)))
		ip = v4(layers.IPProtocolUDP, ip4A, ip4B)
		ip.FragOffset = 3
		out = append(out, ser(eth(layers.EthernetTypeIPv4), ip, payload(16, 0)))
		ip6 := v6(layers.IPProtocolUDP)
		out = append(out, ser(eth(layers.EthernetTypeIPv6), ip6, udp(1, 2, ip6), payload(100, 0)))
	case "redirect":
		for _, first := range []byte{0x00, 0xff} {
			ip := v4(layers.IPProtocolUDP, ip4A, ip4B)
			out = append(out, ser(eth(layers.EthernetTypeIPv4), ip, udp(1, 2, ip), payload(10, first)))
		}
		ip := v4(layers.IPProtocolUDP, ip4A, ip4B)
		out = append(out, ser(eth(layers.EthernetTypeIPv4), ip, udp(1, 2, ip)))
	case "tail_trim":
		ip := v4(layers.IPProtocolUDP, ip4A, ip4B)
		f := ser(eth(layers.EthernetTypeIPv4), ip, udp(1, 2, ip), payload(10, 0))
		out = append(out, append(append([]byte(nil), f...), make([]byte, 20)...))
		out = append(out, f[:len(f)-4])
		ip = v4(layers.IPProtocolUDP, ip4A, ip4B)
		ip.TTL = 1
		f = ser(eth(layers.EthernetTypeIPv4), ip, udp(1, 2, ip), payload(10, 0))
		out = append(out, append(f, 0, 0, 0))
		short := ser(eth(layers.EthernetTypeIPv4), v4(layers.IPProtocolUDP, ip4A, ip4B))
		binary.BigEndian.PutUint16(short[16:], 0)
		out = append(out, short)
	case "own_uapi":
		for _, first := range []byte{0x00, 0xff} {
			f := ser(eth(layers.EthernetType(0x88b5)), payload(4, first))
			ip := v4(layers.IPProtocolUDP, ip4A, ip4B)
			out = append(out, append(f, ser(ip, udp(1, 2, ip), payload(10, 0))...))
		}
		out = append(out, ser(eth(layers.EthernetType(0x88b5)), payload(4, 0)))
		out = append(out, ser(eth(layers.EthernetType(0x88b5)), payload(2, 0)))
	case "tc_nat":
		for _, dst := range []net.IP{vip, ip4B} {
			ip := v4(layers.IPProtocolTCP, ip4A, dst)
			out = append(out, ser(eth(layers.EthernetTypeIPv4), ip, tcp(ip), payload(12, 0)))
			ip = v4(layers.IPProtocolUDP, ip4A, dst)
			out = append(out, ser(eth(layers.EthernetTypeIPv4), ip, udp(1, 53, ip), payload(12, 0)))
			ip = v4(layers.IPProtocolICMPv4, ip4A, dst)
			out = append(out, ser(eth(layers.EthernetTypeIPv4), ip, &layers.ICMPv4{TypeCode: layers.CreateICMPv4TypeCode(8, 0)}))
		}
		// UDP without a checksum (0): BPF_F_MARK_MANGLED_0 keeps it 0.
		ip := v4(layers.IPProtocolUDP, ip4A, vip)
		f := ser(eth(layers.EthernetTypeIPv4), ip, udp(1, 53, ip), payload(12, 0))
		f[14+20+6], f[14+20+7] = 0, 0
		out = append(out, f)
		// UDP whose checksum becomes 0 after the address update: written as 0xffff.
		out = append(out, udpZeroAfterNAT())
		// Truncated TCP to the VIP.
		ip = v4(layers.IPProtocolTCP, ip4A, vip)
		out = append(out, ser(eth(layers.EthernetTypeIPv4), ip, payload(4, 0)))
	case "tc_filter":
		for _, src := range []net.IP{ip4A, ip4B} {
			ip := v4(layers.IPProtocolUDP, src, ip4B)
			out = append(out, ser(eth(layers.EthernetTypeIPv4), ip, udp(1, 2, ip), payload(8, 0)))
		}
		ip := v4(layers.IPProtocolUDP, ip4B, ip4A)
		ip.TOS = 0x10
		out = append(out, ser(eth(layers.EthernetTypeIPv4), ip, udp(1, 2, ip), payload(8, 0)))
		ip = v4(layers.IPProtocolTCP, ip4B, ip4A)
		ip.TTL = 1
		out = append(out, ser(eth(layers.EthernetTypeIPv4), ip, tcp(ip)))
	}
	return append(out, common...)
}

// udpZeroAfterNAT crafts a UDP datagram to the VIP whose checksum is 0 once the destination
// is the backend (gopacket writes such a computed 0 as 0xffff): the payload is searched.
func udpZeroAfterNAT() []byte {
	backend := net.IPv4(10, 10, 10, 10).To4()
	for i := 0; i < 1<<16; i++ {
		p := gopacket.Payload([]byte{byte(i >> 8), byte(i), 0, 0})
		ip := v4(layers.IPProtocolUDP, ip4A, backend)
		f := ser(eth(layers.EthernetTypeIPv4), ip, udp(1, 53, ip), p)
		if c := binary.BigEndian.Uint16(f[14+20+6:]); c == 0 || c == 0xffff {
			ip = v4(layers.IPProtocolUDP, ip4A, vip)
			return ser(eth(layers.EthernetTypeIPv4), ip, udp(1, 53, ip), p)
		}
	}
	panic("no payload gives a zero checksum")
}
