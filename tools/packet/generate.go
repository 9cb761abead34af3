package packet

import (
	"fmt"
	"math/rand"
)

// DefaultRecipes are the frames Generate draws from: every encapsulation and extension the
// package knows, each a list of layer recipes.
func DefaultRecipes() []Recipe {
	eth := Ethernet{}
	return []Recipe{
		{"eth-ipv4-tcp", []Layer{eth, IPv4{}, TCP{}}},
		{"eth-ipv4-udp", []Layer{eth, IPv4{}, UDP{}}},
		{"eth-ipv4-icmp", []Layer{eth, IPv4{}, ICMPv4{}}},
		{"eth-ipv4opts-tcp", []Layer{eth, IPv4{Options: true}, TCP{}}},
		{"eth-ipv4opts-udp", []Layer{eth, IPv4{Options: true}, UDP{}}},
		{"eth-ipv4-frag-first-udp", []Layer{eth, IPv4{FirstFragment: true}, UDP{}}},
		{"eth-ipv4-frag-later", []Layer{eth, IPv4{LaterFragment: true}, Payload{Min: 8, Max: 64}}},
		{"eth-ipv6-tcp", []Layer{eth, IPv6{}, TCP{}}},
		{"eth-ipv6-udp", []Layer{eth, IPv6{}, UDP{}}},
		{"eth-ipv6-icmpv6", []Layer{eth, IPv6{}, ICMPv6{}}},
		{"eth-ipv6-hbh-udp", []Layer{eth, IPv6{}, HopByHop{}, UDP{}}},
		{"eth-ipv6-hbh-dst-tcp", []Layer{eth, IPv6{}, HopByHop{}, DestOpts{}, TCP{}}},
		{"eth-ipv6-srh-tcp", []Layer{eth, IPv6{}, Routing{}, TCP{}}},
		{"eth-ipv6-frag-first-udp", []Layer{eth, IPv6{}, Fragment6{}, UDP{}}},
		{"eth-ipv6-frag-later", []Layer{eth, IPv6{}, Fragment6{Later: true}, Payload{Min: 8, Max: 64}}},
		{"eth-vlan-ipv4-udp", []Layer{eth, VLAN{}, IPv4{}, UDP{}}},
		{"eth-vlan-ipv6-tcp", []Layer{eth, VLAN{}, IPv6{}, TCP{}}},
		{"eth-qinq-ipv4-tcp", []Layer{eth, VLAN{}, VLAN{}, IPv4{}, TCP{}}},
		{"eth-qinq-ipv6-udp", []Layer{eth, VLAN{}, VLAN{}, IPv6{}, UDP{}}},
		{"eth-ipip-tcp", []Layer{eth, IPv4{}, IPv4{}, TCP{}}},
		{"eth-ipip-udp", []Layer{eth, IPv4{}, IPv4{}, UDP{}}},
		{"eth-ip6ip6-tcp", []Layer{eth, IPv6{}, IPv6{}, TCP{}}},
		{"eth-ip6ip6-udp", []Layer{eth, IPv6{}, IPv6{}, UDP{}}},
		{"eth-ipv6-in-ipv4-tcp", []Layer{eth, IPv4{}, IPv6{}, TCP{}}},
		{"eth-ipv4-in-ipv6-udp", []Layer{eth, IPv6{}, IPv4{}, UDP{}}},
		{"eth-gre-ipv4-tcp", []Layer{eth, IPv4{}, GRE{}, IPv4{}, TCP{}}},
		{"eth-gre6-ipv6-udp", []Layer{eth, IPv6{}, GRE{}, IPv6{}, UDP{}}},
		{"eth-gre-eth-ipv4-udp", []Layer{eth, IPv4{}, GRE{}, eth, IPv4{}, UDP{}}},
		{"eth-gue-ipv4-tcp", []Layer{eth, IPv4{}, UDP{DstPort: 6080}, GUEHeader{}, IPv4{}, TCP{}}},
		{"eth-gue-ipv6-udp", []Layer{eth, IPv4{}, UDP{DstPort: 6080}, GUEHeader{}, IPv6{}, UDP{}}},
		{"eth-gue-direct-ipv4-tcp", []Layer{eth, IPv4{}, UDP{DstPort: 6080}, GUEHeader{Direct: true}, IPv4{}, TCP{}}},
		{"eth-gue-direct-ipv6-tcp", []Layer{eth, IPv4{}, UDP{DstPort: 6080}, GUEHeader{Direct: true}, IPv6{}, TCP{}}},
		{"eth-gue6-direct-ipv6-udp", []Layer{eth, IPv6{}, UDP{DstPort: 6080}, GUEHeader{Direct: true}, IPv6{}, UDP{}}},
		{"eth-gue6-direct-ipv4-udp", []Layer{eth, IPv6{}, UDP{DstPort: 6080}, GUEHeader{Direct: true}, IPv4{}, UDP{}}},
		{"eth-other", []Layer{eth, Payload{Min: 0, Max: 64}}},
	}
}

// Options tune Generate. The zero value is usable: the default recipes, 8% of frames
// truncated and 8% with mutated bytes.
type Options struct {
	// Recipes to draw from; nil means DefaultRecipes.
	Recipes []Recipe
	// TruncatePercent of frames are cut at a random length (at least the 14 bytes of an
	// Ethernet header, so that every hook's test run accepts them).
	TruncatePercent int
	// MutatePercent of frames get 1 to 4 random bytes past the Ethernet addresses replaced.
	MutatePercent int
	// NoMutations turns both off (the percentages above default to 8 when zero).
	NoMutations bool
}

// Frame is a generated frame and the recipe it came from, with what was done to it.
type Frame struct {
	Data   []byte
	Recipe string
	// Mutation is "", "truncated to N" or "mutated N bytes".
	Mutation string
}

// Generate draws n frames from the seeded source: the same seed and options give the same
// frames.
func Generate(n int, seed int64, o Options) ([]Frame, error) {
	recipes := o.Recipes
	if recipes == nil {
		recipes = DefaultRecipes()
	}
	if len(recipes) == 0 {
		return nil, fmt.Errorf("no recipes")
	}
	trunc, mut := o.TruncatePercent, o.MutatePercent
	if trunc == 0 {
		trunc = 8
	}
	if mut == 0 {
		mut = 8
	}
	if o.NoMutations {
		trunc, mut = 0, 0
	}
	r := rand.New(rand.NewSource(seed))
	out := make([]Frame, 0, n)
	for i := 0; i < n; i++ {
		rc := recipes[r.Intn(len(recipes))]
		b, err := rc.Build(r)
		if err != nil {
			return nil, err
		}
		f := Frame{Data: b, Recipe: rc.Name}
		switch p := r.Intn(100); {
		case p < trunc && len(b) > 14:
			cut := 14 + r.Intn(len(b)-14)
			f.Data, f.Mutation = b[:cut], fmt.Sprintf("truncated to %d", cut)
		case p >= trunc && p < trunc+mut && len(b) > 12:
			k := 1 + r.Intn(4)
			for j := 0; j < k; j++ {
				b[12+r.Intn(len(b)-12)] = byte(r.Intn(256))
			}
			f.Mutation = fmt.Sprintf("mutated %d bytes", k)
		}
		out = append(out, f)
	}
	return out, nil
}
