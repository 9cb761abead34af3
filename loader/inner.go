package loader

import (
	"fmt"
	"strings"

	"github.com/opened-ebpf/opened/tools/mcu"
)

// InnerMapError is returned when a unit holds maps of maps whose inner maps user space
// creates, nothing in the unit tells their key and value sizes (maps.json inner_shape says
// why), and no inner map template verified: the unit cannot be verified standalone. Err is
// the verifier's rejection with the first template tried.
type InnerMapError struct {
	// Maps are the outer maps whose inner maps are unknown.
	Maps []UnknownInner
	// Tried is the number of templates tried.
	Tried int
	Err   error
}

// UnknownInner is one outer map whose inner map nothing describes.
type UnknownInner struct {
	Map string
	// File and Line are the outer map's declaration in the original repository.
	File string
	Line int
	// Reason is why the program tells no shape (maps.json inner_shape's reason).
	Reason string
}

func (e *InnerMapError) Error() string {
	var b strings.Builder
	for i, m := range e.Maps {
		if i > 0 {
			b.WriteString("\n")
		}
		if m.File != "" {
			fmt.Fprintf(&b, "%s:%d: ", m.File, m.Line)
		}
		fmt.Fprintf(&b, "map %s cannot be verified standalone: its inner maps are created by user space and nothing in the unit tells their key and value sizes", m.Map)
		if m.Reason != "" {
			fmt.Fprintf(&b, " (%s)", m.Reason)
		}
		fmt.Fprintf(&b, "\n  supply the inner map user space creates: extract with --inner-map %s=TYPE:KEY_SIZE:VALUE_SIZE (e.g. hash:8:32; in opened.yaml the stage's inner_maps, in Bazel ebpf_extract's inner_maps), or in %s set %s's \"inner_shape\" to {\"source\": %q, \"type\": \"BPF_MAP_TYPE_HASH\", \"key_size\": K, \"value_size\": V}, or name a map of the unit as its \"inner_map\"",
			m.Map, MapsFile, m.Map, mcu.ShapeUser)
	}
	fmt.Fprintf(&b, "\nno inner map template verified (tried %d); the verifier's rejection with the first: %v", e.Tried, e.Err)
	return b.String()
}

func (e *InnerMapError) Unwrap() error { return e.Err }

// unknownInner lists the outer maps among outers whose maps.json inner_shape says that
// nothing tells their inner map.
func (s *Spec) unknownInner(outers []string) []UnknownInner {
	if s.Unit == nil {
		return nil
	}
	var out []UnknownInner
	for _, name := range outers {
		sh := s.Unit.InnerShapes[name]
		if sh == nil || sh.Source != mcu.ShapeUnknown || s.Unit.InnerMaps[name] != "" {
			continue
		}
		loc := s.Unit.MapDecls[name]
		out = append(out, UnknownInner{Map: name, File: loc.File, Line: loc.Line, Reason: sh.Reason})
	}
	return out
}
