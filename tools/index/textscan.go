package index

import (
	"bytes"
	"strings"

	"github.com/opened-ebpf/opened/tools/internal/cfront"
)

// The textual C scan behind the lazy index's prefilter (lazy.go): #include targets,
// identifiers, and where a file's text may define a name.

// includeTarget returns the target of an #include-like directive on line
// and whether the line is one; target is "" for a computed include.
func includeTarget(line string) (string, bool) {
	s := strings.TrimLeft(line, " \t")
	if !strings.HasPrefix(s, "#") {
		return "", false
	}
	s = strings.TrimLeft(s[1:], " \t")
	var rest string
	switch {
	case strings.HasPrefix(s, "include_next"):
		rest = s[len("include_next"):]
	case strings.HasPrefix(s, "include"):
		rest = s[len("include"):]
	case strings.HasPrefix(s, "import"):
		rest = s[len("import"):]
	default:
		return "", false
	}
	rest = strings.TrimLeft(rest, " \t")
	if rest == "" {
		return "", false
	}
	switch rest[0] {
	case '"', '<':
		end := byte('"')
		if rest[0] == '<' {
			end = '>'
		}
		if i := strings.IndexByte(rest[1:], end); i >= 0 {
			return rest[1 : 1+i], true
		}
		return "", false
	}
	return "", true // #include MACRO
}

// scanText returns the identifiers of C text outside comments and string
// or character literals, and the #include targets of its lines. def is
// called for the identifiers that may take part in a file-scope definition:
// every one outside function bodies and on preprocessor lines (a macro may
// define anything). When the text's braces do not balance outside
// preprocessor lines (a signature split by #if), every identifier counts.
func scanText(text []byte, each, def func(id string), fnDef, varDef func(id string, line int, static bool)) (targets []string, computed bool) {
	lines := bytes.Split(text, []byte{'\n'})
	directive := make([]bool, len(lines)+1) // preprocessor lines (continuations included)
	for n, line := range lines {
		l := bytes.TrimLeft(line, " \t")
		if directive[n] || len(l) > 0 && l[0] == '#' {
			directive[n] = true
			if bytes.HasSuffix(bytes.TrimRight(line, " \t\r"), []byte{'\\'}) {
				directive[n+1] = true
			}
		}
		if len(l) == 0 || l[0] != '#' {
			continue
		}
		if t, ok := includeTarget(string(l)); ok {
			if t == "" {
				computed = true
			} else {
				targets = append(targets, t)
			}
		}
	}
	var tops []fileScopeToken
	var (
		bodies   []bool // open braces, innermost last: inside a function body?
		prev     string // previous token outside preprocessor lines
		line     int
		at       int
		inBody   []string // identifiers seen only inside function bodies
		balanced = true
	)
	src := string(text)
	cfront.Scan(src, func(t cfront.Token) {
		line += strings.Count(src[at:t.Offset], "\n")
		at = t.Offset
		if line < len(directive) && directive[line] {
			if t.Kind == cfront.Ident {
				each(t.Text)
				def(t.Text)
			}
			return
		}
		if len(bodies) == 0 { // a file-scope token, or the brace opening a body
			tops = append(tops, fileScopeToken{t.Text, line + 1})
		}
		switch t.Kind {
		case cfront.Ident:
			each(t.Text)
			if len(bodies) > 0 && bodies[len(bodies)-1] {
				inBody = append(inBody, t.Text)
			} else {
				def(t.Text)
			}
		case cfront.Punct:
			switch t.Text {
			case "{":
				body := len(bodies) > 0 && bodies[len(bodies)-1] || len(bodies) == 0 && prev == ")"
				bodies = append(bodies, body)
			case "}":
				if len(bodies) == 0 {
					balanced = false
				} else {
					bodies = bodies[:len(bodies)-1]
				}
			}
		}
		prev = t.Text
	})
	if !balanced || len(bodies) != 0 {
		for _, id := range inBody {
			def(id)
		}
		return targets, computed
	}
	functionSites(tops, fnDef)
	variableSites(tops, varDef)
	return targets, computed
}

// fileScopeToken is a token outside braces and preprocessor lines (or a brace opening a
// function body), with its line.
type fileScopeToken struct {
	text string
	line int
}

// closeParen returns the index of the ")" matching the "(" at tops[open] (len(tops) if none).
func closeParen(tops []fileScopeToken, open int) int {
	depth := 0
	for j := open; j < len(tops); j++ {
		switch tops[j].text {
		case "(":
			depth++
		case ")":
			if depth--; depth == 0 {
				return j
			}
		}
	}
	return len(tops)
}

// functionSites calls fnDef with each function definition at file scope:
// NAME ( ... ) [__attribute__((...))] {, and whether "static" comes before it in its
// declaration (since the previous ; or the brace opening the previous body).
func functionSites(tops []fileScopeToken, fnDef func(id string, line int, static bool)) {
	start := 0
	for i := 0; i+1 < len(tops); i++ {
		if t := tops[i].text; t == ";" || t == "{" {
			start = i + 1
		}
		if tops[i+1].text != "(" || !isIdent(tops[i].text) {
			continue
		}
		j := closeParen(tops, i+1)
		for j+2 < len(tops) && (tops[j+1].text == "__attribute__" || tops[j+1].text == "__attribute") {
			j = closeParen(tops, j+2)
		}
		if j+1 < len(tops) && tops[j+1].text == "{" {
			fnDef(tops[i].text, tops[i].line, hasStatic(tops[start:i]))
		}
	}
}

// variableSites calls varDef with each variable definition at file scope: the declarator
// names of a statement that is not extern or typedef, before its initializer: NAME followed
// by = ; [ , or an attribute macro (SEC("maps")).
func variableSites(tops []fileScopeToken, varDef func(id string, line int, static bool)) {
	start, parens, init := 0, 0, false
	for i, tk := range tops {
		switch tk.text {
		case ";", "{":
			start, parens, init = i+1, 0, false
			continue
		case "(":
			parens++
		case ")":
			parens--
		case "=":
			if parens == 0 {
				init = true
			}
		case ",":
			if parens == 0 {
				init = false
			}
		}
		if init || parens != 0 || !isIdent(tk.text) || i+1 >= len(tops) {
			continue
		}
		if first := tops[start].text; first == "extern" || first == "typedef" {
			continue
		}
		if i > start {
			if p := tops[i-1].text; p == "struct" || p == "union" || p == "enum" || p == "." {
				continue
			}
		}
		// Skip attribute groups (SEC("maps"), __attribute__((used))) after the name.
		j := i + 1
		for j+1 < len(tops) && attrMacro(tops[j].text) && tops[j+1].text == "(" {
			j = closeParen(tops, j+1) + 1
		}
		if j < len(tops) {
			if next := tops[j].text; next == "=" || next == ";" || next == "[" || next == "," {
				varDef(tk.text, tk.line, hasStatic(tops[start:i]))
			}
		}
	}
}

// hasStatic reports whether toks hold the storage class "static".
func hasStatic(toks []fileScopeToken) bool {
	for _, t := range toks {
		if t.text == "static" {
			return true
		}
	}
	return false
}

// attrMacro reports whether an identifier followed by ( after a declarator is an attribute:
// __attribute__, __section(...), or an upper-case macro (SEC("maps")).
func attrMacro(s string) bool {
	if strings.HasPrefix(s, "__") {
		return true
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' {
			return false
		}
	}
	return isIdent(s)
}

func isIdent(s string) bool {
	return s != "" && (s[0] == '_' || s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z')
}
