package mcu

import (
	"os"
	"strings"
	"testing"
)

// TestWarningKindsDocumented: every kind is a row of docs/formats.md's warnings table.
func TestWarningKindsDocumented(t *testing.T) {
	b, err := os.ReadFile("../../docs/formats.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	i := strings.Index(doc, "### warnings.json")
	if i < 0 {
		t.Fatal("docs/formats.md has no warnings.json section")
	}
	section := doc[i:]
	if j := strings.Index(section[1:], "\n### "); j >= 0 {
		section = section[:j+1]
	}
	for _, k := range WarningKinds() {
		found := false
		for _, l := range strings.Split(section, "\n") {
			if strings.HasPrefix(l, "| ") && strings.Contains(strings.SplitN(l, "|", 3)[1], "`"+string(k)+"`") {
				found = true
			}
		}
		if !found {
			t.Errorf("warning kind %s is not a row of the warnings table in docs/formats.md", k)
		}
	}
}
