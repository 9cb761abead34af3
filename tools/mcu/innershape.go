package mcu

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/opened-ebpf/opened/tools/maptype"
)

// ParseInnerShape parses an inner map given by the user (--inner-map, a spec stage's
// inner_maps, the Bazel rule's inner_maps): TYPE:KEY_SIZE:VALUE_SIZE[:MAX_ENTRIES], TYPE
// a map type as in BPF_MAP_TYPE_LRU_HASH, with or without the prefix, in any case
// ("lru_hash:16:24"). The result has Source ShapeUser.
func ParseInnerShape(s string) (InnerShape, error) {
	parts := strings.Split(strings.TrimSpace(s), ":")
	if len(parts) < 3 || len(parts) > 4 {
		return InnerShape{}, fmt.Errorf("inner map %q: want TYPE:KEY_SIZE:VALUE_SIZE[:MAX_ENTRIES] (e.g. hash:8:32)", s)
	}
	name := strings.ToUpper(parts[0])
	if !strings.HasPrefix(name, "BPF_MAP_TYPE_") {
		name = "BPF_MAP_TYPE_" + name
	}
	t, ok := maptype.ByName(name)
	if !ok {
		return InnerShape{}, fmt.Errorf("inner map %q: unknown map type %q (want e.g. hash, lru_hash, array)", s, parts[0])
	}
	if f, _ := maptype.Of(t); maptype.IsMapInMap(int(t)) || maptype.IsProgArray(int(t)) || f.UserEntries != "" {
		return InnerShape{}, fmt.Errorf("inner map %q: a %s cannot be an inner map", s, name)
	}
	sh := InnerShape{Source: ShapeUser, Type: name, MaxEntries: 1}
	for i, p := range []*uint32{&sh.KeySize, &sh.ValueSize, &sh.MaxEntries}[:len(parts)-1] {
		n, err := strconv.ParseUint(parts[i+1], 10, 32)
		if err != nil || n == 0 {
			return InnerShape{}, fmt.Errorf("inner map %q: %q is not a positive size", s, parts[i+1])
		}
		*p = uint32(n)
	}
	return sh, nil
}
