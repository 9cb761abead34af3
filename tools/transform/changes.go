package transform

import (
	"fmt"
	"strings"
)

// Changes is changes.json: every edit that ported the unit.
type Changes struct {
	// From and To are the hooks (sections) before and after.
	From    string   `json:"from"`
	To      string   `json:"to"`
	Chained bool     `json:"chained"`
	Changes []Change `json:"changes"`
}

// Change is one edit.
type Change struct {
	// Rule is the rule that made the edit (see Rules).
	Rule string `json:"rule"`
	// File and Line are where the edited text is in the repository the unit came from
	// (empty for text outside the unit's functions).
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
	// MCULine is the line of the edit in the ported mcu.c.
	MCULine int    `json:"mcu_line"`
	Before  string `json:"before"`
	After   string `json:"after"`
	Note    string `json:"note,omitempty"`
}

// Report is the short human form of the changes, one line each.
func (c *Changes) Report() string {
	var b strings.Builder
	fmt.Fprintf(&b, "ported %s -> %s: %d changes\n", c.From, c.To, len(c.Changes))
	for _, ch := range c.Changes {
		loc := fmt.Sprintf("mcu.c:%d", ch.MCULine)
		if ch.File != "" {
			loc = fmt.Sprintf("%s:%d", ch.File, ch.Line)
		}
		before, after := oneLine(ch.Before), oneLine(ch.After)
		switch {
		case before == "":
			fmt.Fprintf(&b, "  %s: [%s] + %s\n", loc, ch.Rule, after)
		case after == "":
			fmt.Fprintf(&b, "  %s: [%s] - %s\n", loc, ch.Rule, before)
		default:
			fmt.Fprintf(&b, "  %s: [%s] %s -> %s\n", loc, ch.Rule, before, after)
		}
	}
	return b.String()
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 70 {
		s = s[:67] + "..."
	}
	return s
}
