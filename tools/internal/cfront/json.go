package cfront

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// jnode is one JSON object of clang's AST dump. The same type holds AST
// nodes, declaration references and source locations; a source location is
// an object with an "offset" key.
type jnode struct {
	ID, Kind, Name    string
	QualType          string // "qualType" (inside "type")
	Type              string // qualType of "type"
	ArgType           string // qualType of "argType"
	StorageClass      string
	TagUsed           string
	Opcode            string
	Value             string
	PreviousDecl      string
	Init              string
	Inline            bool
	CompleteDef       bool
	IsImplicit        bool
	IsArrow           bool
	Ref               *jnode // referencedDecl
	Decl              *jnode // decl / ownedTagDecl
	Loc, Range        *jnode
	Begin, End        *jnode
	Spelling, Expand  *jnode
	Inner             []*jnode
	isLoc             bool
	Offset, Line, Col int
	TokLen            int
	File              string
}

// parser is a small JSON parser specialised for clang's AST dump. It keeps
// the dumper's location state: a location without "file" (or "line")
// inherits it from the previously printed location, in text order.
type parser struct {
	b        []byte
	i        int
	lastFile string
	lastLine int
}

func parseAST(b []byte) (*jnode, error) {
	p := &parser{b: b}
	p.ws()
	n, err := p.object()
	if err != nil {
		return nil, fmt.Errorf("ast json: offset %d: %w", p.i, err)
	}
	return n, nil
}

func (p *parser) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\n', '\t', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *parser) expect(c byte) error {
	p.ws()
	if p.i >= len(p.b) || p.b[p.i] != c {
		return fmt.Errorf("expected %q", c)
	}
	p.i++
	return nil
}

// rawString returns the bytes of a JSON string (without quotes) and whether it has escapes.
func (p *parser) rawString() ([]byte, bool, error) {
	if p.i >= len(p.b) || p.b[p.i] != '"' {
		return nil, false, fmt.Errorf("expected string")
	}
	p.i++
	start := p.i
	esc := false
	for p.i < len(p.b) {
		c := p.b[p.i]
		if c == '\\' {
			esc = true
			p.i += 2
			continue
		}
		if c == '"' {
			s := p.b[start:p.i]
			p.i++
			return s, esc, nil
		}
		p.i++
	}
	return nil, false, fmt.Errorf("unterminated string")
}

func (p *parser) str() (string, error) {
	raw, esc, err := p.rawString()
	if err != nil {
		return "", err
	}
	if !esc {
		return string(raw), nil
	}
	var s string
	q := make([]byte, 0, len(raw)+2)
	q = append(q, '"')
	q = append(q, raw...)
	q = append(q, '"')
	if err := json.Unmarshal(q, &s); err != nil {
		return "", err
	}
	return s, nil
}

func (p *parser) number() (string, error) {
	start := p.i
	for p.i < len(p.b) {
		c := p.b[p.i]
		if (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' {
			p.i++
			continue
		}
		break
	}
	if start == p.i {
		return "", fmt.Errorf("bad value")
	}
	return string(p.b[start:p.i]), nil
}

// value parses any value; objects become nodes, other values are returned as text.
func (p *parser) value() (*jnode, string, error) {
	p.ws()
	if p.i >= len(p.b) {
		return nil, "", fmt.Errorf("unexpected end")
	}
	switch c := p.b[p.i]; {
	case c == '{':
		n, err := p.object()
		return n, "", err
	case c == '[':
		// Arrays outside inner/array_filler: parse elements for location state.
		p.i++
		p.ws()
		if p.i < len(p.b) && p.b[p.i] == ']' {
			p.i++
			return nil, "", nil
		}
		for {
			if _, _, err := p.value(); err != nil {
				return nil, "", err
			}
			p.ws()
			if p.i < len(p.b) && p.b[p.i] == ',' {
				p.i++
				continue
			}
			return nil, "", p.expect(']')
		}
	case c == '"':
		s, err := p.str()
		return nil, s, err
	case c == 't':
		p.i += 4
		return nil, "true", nil
	case c == 'f':
		p.i += 5
		return nil, "false", nil
	case c == 'n':
		p.i += 4
		return nil, "", nil
	default:
		s, err := p.number()
		return nil, s, err
	}
}

func (p *parser) nodes(n *jnode) error {
	if err := p.expect('['); err != nil {
		return err
	}
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == ']' {
		p.i++
		return nil
	}
	for {
		p.ws()
		c, err := p.object()
		if err != nil {
			return err
		}
		n.Inner = append(n.Inner, c)
		p.ws()
		if p.i < len(p.b) && p.b[p.i] == ',' {
			p.i++
			continue
		}
		return p.expect(']')
	}
}

func (p *parser) object() (*jnode, error) {
	if err := p.expect('{'); err != nil {
		return nil, err
	}
	n := &jnode{}
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == '}' {
		p.i++
		return n, nil
	}
	for {
		p.ws()
		key, _, err := p.rawString()
		if err != nil {
			return nil, err
		}
		if err := p.expect(':'); err != nil {
			return nil, err
		}
		p.ws()
		k := string(key) // the compiler avoids allocating for switch on string(bytes)
		switch k {
		case "inner", "array_filler":
			if err := p.nodes(n); err != nil {
				return nil, err
			}
		case "text", "mangledName", "valueCategory", "castKind", "paramName", "direction", "renderKind", "closeName", "tag":
			// Frequent string values we never need: skip without allocating.
			if p.i < len(p.b) && p.b[p.i] == '"' {
				if _, _, err := p.rawString(); err != nil {
					return nil, err
				}
			} else if _, _, err := p.value(); err != nil {
				return nil, err
			}
		default:
			c, s, err := p.value()
			if err != nil {
				return nil, err
			}
			switch k {
			case "id":
				n.ID = s
			case "kind":
				n.Kind = s
			case "name":
				n.Name = s
			case "qualType":
				n.QualType = s
			case "type":
				if c != nil {
					n.Type = c.QualType
				}
			case "argType":
				if c != nil {
					n.ArgType = c.QualType
				}
			case "storageClass":
				n.StorageClass = s
			case "tagUsed":
				n.TagUsed = s
			case "opcode":
				n.Opcode = s
			case "value":
				n.Value = s
			case "previousDecl":
				n.PreviousDecl = s
			case "init":
				n.Init = s
			case "inline":
				n.Inline = s == "true"
			case "completeDefinition":
				n.CompleteDef = s == "true"
			case "isImplicit":
				n.IsImplicit = s == "true"
			case "isArrow":
				n.IsArrow = s == "true"
			case "referencedDecl":
				n.Ref = c
			case "decl", "ownedTagDecl":
				n.Decl = c
			case "loc":
				n.Loc = c
			case "range":
				n.Range = c
			case "begin":
				n.Begin = c
			case "end":
				n.End = c
			case "spellingLoc":
				n.Spelling = c
			case "expansionLoc":
				n.Expand = c
			case "offset":
				n.isLoc = true
				n.Offset, _ = strconv.Atoi(s)
			case "file":
				n.File = s
			case "line":
				n.Line, _ = strconv.Atoi(s)
			case "col":
				n.Col, _ = strconv.Atoi(s)
			case "tokLen":
				n.TokLen, _ = strconv.Atoi(s)
			}
		}
		p.ws()
		if p.i < len(p.b) && p.b[p.i] == ',' {
			p.i++
			continue
		}
		if err := p.expect('}'); err != nil {
			return nil, err
		}
		break
	}
	if n.isLoc {
		// Restore elided file/line from the dumper's state, then update it.
		if n.File != "" {
			p.lastFile = n.File
			p.lastLine = n.Line
		} else {
			n.File = p.lastFile
			if n.Line != 0 {
				p.lastLine = n.Line
			} else {
				n.Line = p.lastLine
			}
		}
	}
	return n, nil
}

// pos is a resolved source position (expansion location for macro locations).
type pos struct {
	File   string
	Offset int
	Line   int
	TokLen int
	Macro  bool // the location came from a macro expansion
	valid  bool
}

// expansion returns the expansion position of a location node.
func expansion(l *jnode) pos {
	if l == nil {
		return pos{}
	}
	if l.Expand != nil {
		e := l.Expand
		return pos{File: e.File, Offset: e.Offset, Line: e.Line, TokLen: e.TokLen, Macro: true, valid: e.isLoc}
	}
	if !l.isLoc {
		return pos{}
	}
	return pos{File: l.File, Offset: l.Offset, Line: l.Line, TokLen: l.TokLen, valid: true}
}
