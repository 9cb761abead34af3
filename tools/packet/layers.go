package packet

import (
	"encoding/binary"
	"errors"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
)

// gopacket decodes these headers but cannot serialize them; the generator needs them, so
// they are written here, byte for byte as their RFCs define them.

// LayerTypeGUE is Generic UDP Encapsulation (RFC draft-ietf-intarea-gue), variant 0:
// a 4-byte header whose proto/ctype field names the inner protocol.
var LayerTypeGUE = gopacket.RegisterLayerType(2047, gopacket.LayerTypeMetadata{Name: "GUE", Decoder: gopacket.DecodeFunc(decodeGUE)})

// GUE is a GUE variant 0 header without optional fields, or, when Direct is set, the
// variant 1 encoding in which the inner IPv4 or IPv6 header follows the UDP header directly
// (no GUE header bytes at all; what Katran-style balancers send).
type GUE struct {
	layers.BaseLayer
	Protocol layers.IPProtocol
	Direct   bool
}

// LayerType returns LayerTypeGUE.
func (g *GUE) LayerType() gopacket.LayerType { return LayerTypeGUE }

// SerializeTo writes the header (nothing for Direct).
func (g *GUE) SerializeTo(b gopacket.SerializeBuffer, _ gopacket.SerializeOptions) error {
	if g.Direct {
		return nil
	}
	h, err := b.PrependBytes(4)
	if err != nil {
		return err
	}
	h[0], h[1], h[2], h[3] = 0, byte(g.Protocol), 0, 0 // version 0, C=0, hlen 0, proto, flags 0
	return nil
}

func decodeGUE(data []byte, p gopacket.PacketBuilder) error {
	if len(data) < 4 {
		return errors.New("GUE header truncated")
	}
	g := &GUE{Protocol: layers.IPProtocol(data[1])}
	hlen := 4 + 4*int(data[0]&0x1f)
	if len(data) < hlen {
		return errors.New("GUE header truncated")
	}
	g.Contents, g.Payload = data[:hlen], data[hlen:]
	p.AddLayer(g)
	return p.NextDecoder(g.Protocol)
}

// IPv6Fragment is the IPv6 fragment extension header (RFC 8200 4.5).
type IPv6Fragment struct {
	layers.BaseLayer
	NextHeader     layers.IPProtocol
	FragmentOffset uint16 // in 8-byte units
	MoreFragments  bool
	Identification uint32
}

// LayerType returns layers.LayerTypeIPv6Fragment.
func (f *IPv6Fragment) LayerType() gopacket.LayerType { return layers.LayerTypeIPv6Fragment }

// SerializeTo writes the 8-byte header.
func (f *IPv6Fragment) SerializeTo(b gopacket.SerializeBuffer, _ gopacket.SerializeOptions) error {
	h, err := b.PrependBytes(8)
	if err != nil {
		return err
	}
	h[0], h[1] = byte(f.NextHeader), 0
	off := f.FragmentOffset << 3
	if f.MoreFragments {
		off |= 1
	}
	binary.BigEndian.PutUint16(h[2:], off)
	binary.BigEndian.PutUint32(h[4:], f.Identification)
	return nil
}

// IPv6Routing is a type 4 (segment routing) routing header with Addresses as its segment
// list (RFC 8754), or any other routing type with the addresses as type-specific data.
type IPv6Routing struct {
	layers.BaseLayer
	NextHeader   layers.IPProtocol
	RoutingType  uint8
	SegmentsLeft uint8
	Addresses    [][16]byte
}

// LayerType returns layers.LayerTypeIPv6Routing.
func (r *IPv6Routing) LayerType() gopacket.LayerType { return layers.LayerTypeIPv6Routing }

// SerializeTo writes the header: 8 fixed bytes and 16 per address.
func (r *IPv6Routing) SerializeTo(b gopacket.SerializeBuffer, _ gopacket.SerializeOptions) error {
	n := 8 + 16*len(r.Addresses)
	h, err := b.PrependBytes(n)
	if err != nil {
		return err
	}
	h[0], h[1], h[2], h[3] = byte(r.NextHeader), byte(n/8-1), r.RoutingType, r.SegmentsLeft
	h[4], h[5], h[6], h[7] = byte(len(r.Addresses)-1), 0, 0, 0 // last entry, flags, tag
	for i, a := range r.Addresses {
		copy(h[8+16*i:], a[:])
	}
	return nil
}
