package main

import (
	"os"
	"strings"

	"github.com/opened-ebpf/opened/tools/mcu"
)

// writeUnitUnused writes Bazel's unused_inputs_list for an action that compiles the mcu.c of
// units (EbpfTransform, EbpfCompose), whose inputs include the sources the units were
// extracted from: every input when no unit keeps repository include directories (a
// self-contained mcu.c opens no repository file, so no edit of one can change the outputs),
// none when one does (a header of a kept directory may include any file of the repository,
// and which it does depends on content, so no content-independent list below "all used" is
// correct). docs/bazel.md, "Units that keep repository include directories".
func writeUnitUnused(path string, inputs []string, units ...*mcu.Unit) error {
	var lines []string
	kept := false
	for _, u := range units {
		kept = kept || len(u.Functions.IncludeDirs) > 0
	}
	if !kept {
		lines = inputs
	}
	text := strings.Join(lines, "\n")
	if text != "" {
		text += "\n"
	}
	return os.WriteFile(path, []byte(text), 0o644)
}
