package cfront

// Lex walks C text and calls fn for each identifier (ident true) and each punctuation
// character (ident false), skipping white space, comments, string and character literals and
// numbers. It is a textual scan, for prefilters and for matching names in copied text; what a
// name means is clang's to say.
func Lex(text string, fn func(tok string, ident bool)) {
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '/' && i+1 < len(text) && text[i+1] == '/':
			for i < len(text) && text[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(text) && text[i+1] == '*':
			i += 2
			for i+1 < len(text) && !(text[i] == '*' && text[i+1] == '/') {
				i++
			}
			i += 2
		case c == '"' || c == '\'':
			q := c
			i++
			for i < len(text) && text[i] != q && text[i] != '\n' {
				if text[i] == '\\' {
					i++
				}
				i++
			}
			if i < len(text) && text[i] == q {
				i++
			}
		case isIdentStart(c):
			s := i
			for i < len(text) && (isIdentStart(text[i]) || text[i] >= '0' && text[i] <= '9') {
				i++
			}
			fn(text[s:i], true)
		case c >= '0' && c <= '9':
			for i < len(text) && (isIdentStart(text[i]) || text[i] == '.' || text[i] >= '0' && text[i] <= '9') {
				i++
			}
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
		default:
			fn(text[i:i+1], false)
			i++
		}
	}
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// Identifiers lists the distinct C identifiers of text outside comments and
// string or character literals, in order of first appearance.
func Identifiers(text string) []string {
	var out []string
	seen := map[string]bool{}
	Lex(text, func(tok string, ident bool) {
		if ident && !seen[tok] {
			seen[tok] = true
			out = append(out, tok)
		}
	})
	return out
}
