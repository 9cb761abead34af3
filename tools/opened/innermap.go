package main

import (
	"fmt"
	"strings"

	"github.com/opened-ebpf/opened/tools/mcu"
)

// innerMapFlag collects --inner-map OUTER=TYPE:KEY:VALUE[:MAX], checked as it is given.
type innerMapFlag map[string]string

func (f innerMapFlag) String() string {
	var s []string
	for k, v := range f {
		s = append(s, k+"="+v)
	}
	return strings.Join(s, " ")
}

func (f innerMapFlag) Set(v string) error {
	outer, shape, ok := strings.Cut(v, "=")
	if !ok || outer == "" {
		return fmt.Errorf("%q: want OUTER=TYPE:KEY_SIZE:VALUE_SIZE[:MAX_ENTRIES]", v)
	}
	if _, err := mcu.ParseInnerShape(shape); err != nil {
		return err
	}
	if _, dup := f[outer]; dup {
		return fmt.Errorf("inner map of %s given twice", outer)
	}
	f[outer] = shape
	return nil
}

const innerMapUsage = "OUTER=TYPE:KEY_SIZE:VALUE_SIZE[:MAX_ENTRIES]: the inner map of a map of maps whose inner maps user space creates (maps.json inner_shape; the verification load uses it), repeatable"

// mergeInner returns the inner maps of a, overridden by b.
func mergeInner(a, b map[string]string) map[string]string {
	if len(a) == 0 && len(b) == 0 {
		return nil
	}
	out := map[string]string{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}
