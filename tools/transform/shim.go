package transform

import (
	_ "embed"
	"strings"
)

// The shim headers: exact XDP semantics on tc, and tc semantics on XDP. Their text is copied
// into the ported mcu.c (a unit is one C file), between marker comments.
var (
	//go:embed shim/opened_tc_shim.h
	tcShim string
	//go:embed shim/opened_xdp_shim.h
	xdpShim string
)

// shimBlock is the text inserted into mcu.c for a shim header.
func shimBlock(name, text string) string {
	return "/* ---- begin " + name + " (inserted by opened transform) ---- */\n" +
		strings.TrimRight(text, "\n") + "\n/* ---- end " + name + " ---- */\n\n"
}
