package compose

import (
	"fmt"
	"strings"

	"github.com/opened-ebpf/opened/tools/pipeline"
)

// dot renders the pipeline as a Graphviz digraph: one cluster per segment (hook and mode),
// stages in order, maps as boxes linked to the stages using them.
func dot(m *pipeline.Manifest) string {
	var b strings.Builder
	fmt.Fprintf(&b, "digraph %q {\n\trankdir=LR;\n\tnode [fontname=\"Helvetica\"];\n", m.Name)
	var prev string
	for i, seg := range m.Segments {
		fmt.Fprintf(&b, "\tsubgraph cluster_%d {\n\t\tlabel=%q;\n", i, seg.Hook+" ("+seg.Mode+")")
		for _, s := range seg.Stages {
			fmt.Fprintf(&b, "\t\t%q [shape=ellipse];\n", "stage:"+s)
		}
		b.WriteString("\t}\n")
		for _, s := range seg.Stages {
			id := "stage:" + s
			if prev != "" {
				fmt.Fprintf(&b, "\t%q -> %q [label=\"pass\"];\n", prev, id)
			}
			prev = id
		}
	}
	for _, mp := range m.Maps {
		if mp.Generated {
			continue
		}
		id := "map:" + mp.Hook + "/" + mp.Name
		fmt.Fprintf(&b, "\t%q [shape=box, label=%q];\n", id, mp.Name+"\\n"+mp.Type)
		for _, s := range mp.Stages {
			fmt.Fprintf(&b, "\t%q -> %q [style=dashed, dir=none];\n", "stage:"+s, id)
		}
	}
	b.WriteString("}\n")
	return b.String()
}
