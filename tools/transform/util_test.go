package transform

import (
	"os"
	"strings"
)

func join(s []string) string { return "  " + strings.Join(s, "\n  ") }

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
