package cfront

import (
	"strconv"
	"strings"
)

// irResult holds facts read from clang's LLVM IR, run only for units with legacy or iproute2
// maps (needsIR): ELF sections of symbols and the folded integer initializers of struct
// globals (legacy map definitions).
type irResult struct {
	sections map[string]string
	inits    map[string][]int64
}

func parseIR(out []byte) irResult {
	res := irResult{sections: map[string]string{}, inits: map[string][]int64{}}
	eachLine(out, func(_ int, ln []byte) bool {
		s := string(ln)
		var name string
		switch {
		case strings.HasPrefix(s, "@"):
			name = irName(s[1:])
		case strings.HasPrefix(s, "define ") || strings.HasPrefix(s, "declare "):
			at := strings.IndexByte(s, '@')
			if at < 0 {
				return true
			}
			name = irName(s[at+1:])
		default:
			return true
		}
		if name == "" || strings.HasPrefix(name, "llvm.") {
			return true
		}
		if i := strings.Index(s, ` section "`); i >= 0 {
			rest := s[i+len(` section `):]
			if j := strings.IndexByte(rest[1:], '"'); j >= 0 {
				res.sections[name] = rest[1 : j+1]
			}
		}
		if strings.HasPrefix(s, "@") {
			if i := strings.Index(s, "%struct."); i >= 0 {
				if b := strings.Index(s[i:], " { "); b >= 0 {
					body := s[i+b+3:]
					if e := strings.Index(body, " }"); e >= 0 {
						var vals []int64
						ok := true
						for _, f := range strings.Split(body[:e], ", ") {
							parts := strings.Fields(f)
							if len(parts) != 2 || !strings.HasPrefix(parts[0], "i") {
								ok = false
								break
							}
							v, err := strconv.ParseInt(parts[1], 10, 64)
							if err != nil {
								ok = false
								break
							}
							vals = append(vals, v)
						}
						if ok {
							res.inits[name] = vals
						}
					}
				}
			}
		}
		return true
	})
	return res
}

// irName reads a global name after '@' (plain or quoted).
func irName(s string) string {
	if strings.HasPrefix(s, `"`) {
		if j := strings.IndexByte(s[1:], '"'); j >= 0 {
			return irUnescape(s[1 : j+1])
		}
		return ""
	}
	end := 0
	for end < len(s) {
		c := s[end]
		if c == '_' || c == '.' || c == '$' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') {
			end++
			continue
		}
		break
	}
	return s[:end]
}

// irUnescape decodes the \HH escapes LLVM writes in quoted names (bytes of a UTF-8
// identifier, e.g. @"z\C3\A4hler" for zähler).
func irUnescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+2 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(v))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
