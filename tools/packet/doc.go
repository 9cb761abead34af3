// Package packet builds, reads and writes the Ethernet frames OPENED's differential tests
// (package difftest) feed to eBPF programs.
//
// Frames come from two places:
//
//   - a structured generator: a [Recipe] is a list of layer recipes ([Layer]), outermost
//     first, e.g. Ethernet, 802.1Q, IPv4 with options, UDP, GUE, IPv6, TCP. Each layer
//     recipe draws its fields from a seeded random source; the generator then links the
//     layers (EtherType, IP protocol, next header, GRE protocol are set from the layer that
//     follows), serializes them with gopacket's SerializeLayers (FixLengths,
//     ComputeChecksums) and finally may truncate the frame or mutate random bytes. The same
//     seed gives the same frames. [DefaultRecipes] covers Ethernet, VLAN and QinQ, IPv4 with
//     options and fragments, IPv6 with extension headers (hop-by-hop, routing, fragment,
//     destination options), TCP, UDP, ICMP, ICMPv6, IPIP, IP6IP6 (and the mixed
//     IPv4-in-IPv6 and IPv6-in-IPv4), GRE and GUE encapsulations.
//   - pcap files (classic pcap and pcapng, Ethernet link type), read and written with
//     gopacket's pure-Go pcapgo. Errors name the file and the record.
//
// [Summary] describes a frame on one line (layers, addresses, ports), for reports.
//
// The package is pure Go and builds with Go 1.19.
package packet
