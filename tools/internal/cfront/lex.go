package cfront

// TokenKind classifies a C token found by Scan.
type TokenKind uint8

// Token kinds.
const (
	Ident  TokenKind = iota // identifier or keyword
	Punct                   // one punctuation character
	Number                  // numeric literal
	String                  // string or character literal, quotes included
)

// Token is one C token with its byte offset in the scanned text.
type Token struct {
	Text   string
	Offset int
	Kind   TokenKind
}

// End is the offset just past the token.
func (t Token) End() int { return t.Offset + len(t.Text) }

// Scan walks C text and calls fn for each token with its byte offset, skipping white space
// and comments. Punctuation comes one character at a time. It is a textual scan, for
// prefilters and for locating tokens inside a range clang's AST names; what a name means is
// clang's to say.
func Scan(text string, fn func(Token)) {
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
			s := i
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
			if i > len(text) {
				i = len(text)
			}
			fn(Token{text[s:i], s, String})
		case isIdentStart(c):
			s := i
			for i < len(text) && (isIdentStart(text[i]) || text[i] >= '0' && text[i] <= '9') {
				i++
			}
			fn(Token{text[s:i], s, Ident})
		case c >= '0' && c <= '9':
			s := i
			for i < len(text) && (isIdentStart(text[i]) || text[i] == '.' || text[i] >= '0' && text[i] <= '9') {
				i++
			}
			fn(Token{text[s:i], s, Number})
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
		default:
			fn(Token{text[i : i+1], i, Punct})
			i++
		}
	}
}

// Tokens returns the tokens of text (see Scan).
func Tokens(text string) []Token {
	var out []Token
	Scan(text, func(t Token) { out = append(out, t) })
	return out
}

// Lex walks C text and calls fn for each identifier (ident true) and each punctuation
// character (ident false), skipping white space, comments, string and character literals and
// numbers. Each tok is a substring of text (its offset is Scan's).
func Lex(text string, fn func(tok string, ident bool)) {
	Scan(text, func(t Token) {
		switch t.Kind {
		case Ident:
			fn(t.Text, true)
		case Punct:
			fn(t.Text, false)
		}
	})
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
