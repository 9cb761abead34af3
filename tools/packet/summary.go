package packet

import (
	"fmt"
	"strings"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
)

// Summary describes a frame on one line: its layers as gopacket decodes them, the innermost
// addresses and ports, its length, and where decoding stopped.
func Summary(frame []byte) string {
	p := gopacket.NewPacket(frame, layers.LayerTypeEthernet, gopacket.DecodeOptions{Lazy: false, NoCopy: true})
	var names []string
	var addr, ports string
	transport := false
	for _, l := range p.Layers() {
		switch l := l.(type) {
		case *layers.IPv4:
			addr = fmt.Sprintf("%s > %s", l.SrcIP, l.DstIP)
			if l.FragOffset != 0 || l.Flags&layers.IPv4MoreFragments != 0 {
				names = append(names, fmt.Sprintf("IPv4(frag off %d)", int(l.FragOffset)*8))
				continue
			}
		case *layers.IPv6:
			addr = fmt.Sprintf("%s > %s", l.SrcIP, l.DstIP)
		case *layers.TCP:
			ports, transport = fmt.Sprintf(" %d > %d", l.SrcPort, l.DstPort), true
		case *layers.UDP:
			ports, transport = fmt.Sprintf(" %d > %d", l.SrcPort, l.DstPort), true
		case *layers.Dot1Q:
			names = append(names, fmt.Sprintf("VLAN(%d)", l.VLANIdentifier))
			continue
		case *layers.ICMPv4:
			names = append(names, "ICMP("+l.TypeCode.String()+")")
			continue
		case *layers.ICMPv6:
			names = append(names, "ICMPv6("+l.TypeCode.String()+")")
			continue
		case *gopacket.DecodeFailure:
			// Past TCP/UDP gopacket guesses the application from the port (DNS on 53):
			// random bytes there are a payload, not a broken frame.
			if transport {
				names = append(names, fmt.Sprintf("Payload(%d)", len(l.LayerContents())))
			} else {
				names = append(names, "undecodable")
			}
			continue
		}
		if l.LayerType() == gopacket.LayerTypePayload {
			names = append(names, fmt.Sprintf("Payload(%d)", len(l.LayerContents())))
			continue
		}
		names = append(names, l.LayerType().String())
	}
	s := strings.Join(names, "/")
	if addr != "" {
		s += " " + addr + ports
	}
	return fmt.Sprintf("%s, %d bytes", s, len(frame))
}
