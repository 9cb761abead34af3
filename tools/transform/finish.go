package transform

import (
	"encoding/json"
	"strings"

	"github.com/opened-ebpf/opened/tools/mcu"
)

// finish applies the edits in one pass and builds the ported unit: mcu.c, functions.json with
// every function's new mcu.c lines (still naming its original file:line), the ported programs,
// and changes.json.
func (p *pass) finish() (*Result, error) {
	edits := sortEdits(p.edits)
	out, err := apply(p.src, edits, p.lines)
	if err != nil {
		return nil, err
	}
	outLines := newLineIndex(out)
	newLine := func(oldLine int) int {
		return outLines.line(newOffset(edits, p.lines.start(oldLine)))
	}

	fns := p.u.Functions
	fns.Section = p.toSec
	fns.Functions = nil
	for _, f := range p.u.Functions.Functions {
		g := f
		g.MCUStartLine, g.MCUEndLine = newLine(f.MCUStartLine), newLine(f.MCUEndLine)
		inner, wrapped := p.wrapped[f.Name]
		if wrapped {
			g.Name, g.Section, g.Static, g.Inline = inner, "", true, true
		}
		fns.Functions = append(fns.Functions, g)
		if wrapped {
			w := f
			w.Section, w.Static, w.Inline = p.toSec, false, false
			sig := "int " + f.Name + "("
			if f.Static {
				sig = "static " + sig
			}
			if i := strings.Index(out, "__attribute__((section(\""+p.toSec+"\"), used))\n"+sig); i >= 0 {
				w.MCUStartLine = outLines.line(i + 1)
				end := strings.Index(out[i:], "\n}")
				w.MCUEndLine = outLines.line(i + end + 1)
			}
			fns.Functions = append(fns.Functions, w)
		}
	}

	ch := &Changes{From: p.fromSec, To: p.toSec, Chained: p.chained, Changes: []Change{}}
	for _, e := range edits {
		file, line := p.origin(p.lines.line(e.Start))
		c := Change{Rule: e.Rule, File: file, Line: line, MCULine: outLines.line(e.NewStart), Before: p.src[e.Start:e.End], After: e.New, Note: e.Note}
		if file == mcu.SourceFile {
			c.File, c.Line = "", 0
		}
		if e.Summary != "" {
			c.After = e.Summary
		}
		if strings.HasPrefix(c.After, "\n") {
			c.MCULine = outLines.line(e.NewStart + len(c.After) - len(strings.TrimLeft(c.After, "\n")))
		}
		c.After = strings.TrimSpace(c.After)
		ch.Changes = append(ch.Changes, c)
	}
	cj, err := json.MarshalIndent(ch, "", "  ")
	if err != nil {
		return nil, err
	}
	nu := &mcu.Unit{
		Functions: fns,
		Maps:      p.u.Maps,
		Warnings:  p.u.Warnings,
		Source:    []byte(out),
		Extra:     map[string][]byte{mcu.ChangesFile: append(cj, '\n')},
	}
	return &Result{Unit: nu, Changes: ch}, nil
}
