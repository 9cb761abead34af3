package cfront

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strconv"
)

// jnode is one AST node of clang's JSON dump, with only what the builder and
// the exported AST read. Locations are values (no allocation each) and
// strings that repeat (kinds, types, names, files) are interned.
type jnode struct {
	ID           uint64
	Kind, Name   string
	Type         string // qualType of "type"
	ArgType      string // qualType of "argType"
	StorageClass string
	TagUsed      string
	Opcode       string
	Value        string
	Init         string
	Inline       bool
	CompleteDef  bool
	IsImplicit   bool
	IsArrow      bool
	Ref          *jref // referencedDecl
	Decl         *jref // decl / ownedTagDecl
	Loc          jloc
	Range        jrange
	Inner        []*jnode
}

// jref is a bare declaration reference ("referencedDecl", "decl", "ownedTagDecl").
type jref struct {
	ID               uint64
	Kind, Name, Type string
}

// jpos is one printed location; ok is false when the dump gave none.
type jpos struct {
	File                 string
	Offset, Line, TokLen int32
	ok                   bool
}

// jloc is a source location: a plain one (spell), or for a location inside a
// macro expansion its spelling and expansion locations (macro is set).
type jloc struct {
	spell, exp jpos
	macro      bool
}

// jrange is a node's source range.
type jrange struct{ Begin, End jloc }

// idKey is the records key of a declaration id (tag names never start with '#').
func idKey(id uint64) string { return "#" + strconv.FormatUint(id, 16) }

// parser is a small JSON parser specialised for clang's AST dump. It keeps
// the dumper's location state: a location without "file" (or "line")
// inherits it from the previously printed location, in text order. Every
// skipped value is still scanned for locations, so the state stays right.
type parser struct {
	b        []byte
	i        int
	lastFile string
	lastLine int32
	strs     map[string]string
	// release, when set, is told every few MB that the input before an
	// offset will not be read again (a mapped file drops those pages).
	release  func(off int)
	released int
}

// releaseEvery is how much input is consumed between calls of release.
const releaseEvery = 8 << 20

func newParser(b []byte, release func(int)) *parser {
	return &parser{b: b, strs: make(map[string]string, 1024), release: release}
}

// parseAST parses a whole dump into a tree (tests and small inputs; Parse and
// ParseAST stream the top-level declarations instead).
func parseAST(b []byte) (*jnode, error) {
	root := &jnode{Kind: "TranslationUnitDecl"}
	err := newParser(b, nil).stream(func(n *jnode) error {
		root.Inner = append(root.Inner, n)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return root, nil
}

// stream parses the dump's TranslationUnitDecl and calls fn with each
// top-level declaration in order; nothing of a declaration is kept after fn
// returns unless fn keeps it.
func (p *parser) stream(fn func(*jnode) error) error {
	if err := p.streamRoot(fn); err != nil {
		if _, ok := err.(callbackError); ok {
			return err.(callbackError).err
		}
		return fmt.Errorf("ast json: offset %d: %w", p.i, err)
	}
	return nil
}

// callbackError carries an error of stream's callback out unchanged.
type callbackError struct{ err error }

func (e callbackError) Error() string { return e.err.Error() }

func (p *parser) streamRoot(fn func(*jnode) error) error {
	if err := p.expect('{'); err != nil {
		return err
	}
	return p.members(func(key []byte) error {
		if string(key) != "inner" {
			return p.skip()
		}
		return p.array(func() error {
			p.ws()
			n, err := p.object()
			if err != nil {
				return err
			}
			if err := fn(n); err != nil {
				return callbackError{err}
			}
			if p.release != nil && p.i-p.released >= releaseEvery {
				p.release(p.i)
				p.released = p.i
			}
			return nil
		})
	})
}

// ws skips white space. clang indents its dump two spaces a level, so a
// deep node's line starts with tens of spaces: runs of them go 8 at a time.
func (p *parser) ws() {
	b, i := p.b, p.i
	for i < len(b) {
		switch b[i] {
		case ' ':
			i++
			for i+8 <= len(b) && binary.LittleEndian.Uint64(b[i:]) == 0x2020202020202020 {
				i += 8
			}
		case '\n', '\t', '\r':
			i++
		default:
			p.i = i
			return
		}
	}
	p.i = i
}

func (p *parser) expect(c byte) error {
	p.ws()
	if p.i >= len(p.b) || p.b[p.i] != c {
		return fmt.Errorf("expected %q", c)
	}
	p.i++
	return nil
}

// members calls fn for each key of an object whose '{' was consumed; fn
// must consume the value.
func (p *parser) members(fn func(key []byte) error) error {
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == '}' {
		p.i++
		return nil
	}
	for {
		p.ws()
		key, _, err := p.rawString()
		if err != nil {
			return err
		}
		if err := p.expect(':'); err != nil {
			return err
		}
		p.ws()
		if err := fn(key); err != nil {
			return err
		}
		p.ws()
		if p.i < len(p.b) && p.b[p.i] == ',' {
			p.i++
			continue
		}
		return p.expect('}')
	}
}

// array calls fn for each element of an array; fn must consume it.
func (p *parser) array(fn func() error) error {
	if err := p.expect('['); err != nil {
		return err
	}
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == ']' {
		p.i++
		return nil
	}
	for {
		if err := fn(); err != nil {
			return err
		}
		p.ws()
		if p.i < len(p.b) && p.b[p.i] == ',' {
			p.i++
			continue
		}
		return p.expect(']')
	}
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

// intern returns s's bytes as a string shared by every equal string of the dump.
func (p *parser) intern(raw []byte) string {
	if s, ok := p.strs[string(raw)]; ok {
		return s
	}
	s := string(raw)
	p.strs[s] = s
	return s
}

// str parses a string value, interned.
func (p *parser) str() (string, error) {
	raw, esc, err := p.rawString()
	if err != nil {
		return "", err
	}
	if !esc {
		return p.intern(raw), nil
	}
	var s string
	q := make([]byte, 0, len(raw)+2)
	q = append(q, '"')
	q = append(q, raw...)
	q = append(q, '"')
	if err := json.Unmarshal(q, &s); err != nil {
		return "", err
	}
	return p.intern([]byte(s)), nil
}

// scalar parses a string, number or boolean as text; null, objects and
// arrays give "".
func (p *parser) scalar() (string, error) {
	if p.i >= len(p.b) {
		return "", fmt.Errorf("unexpected end")
	}
	if p.b[p.i] == '"' {
		return p.str()
	}
	start := p.i
	if err := p.skip(); err != nil {
		return "", err
	}
	switch p.b[start] {
	case 'n', '{', '[':
		return "", nil
	}
	return p.intern(p.b[start:p.i]), nil
}

// boolean parses true or false (anything else is skipped and false).
func (p *parser) boolean() (bool, error) {
	t := p.i < len(p.b) && p.b[p.i] == 't'
	return t, p.skip()
}

// integer parses a number as an int32 (fractions and exponents are dropped).
func (p *parser) integer() (int32, error) {
	start := p.i
	neg := false
	if p.i < len(p.b) && p.b[p.i] == '-' {
		neg = true
		p.i++
	}
	var v int64
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		v = v*10 + int64(p.b[p.i]-'0')
		p.i++
	}
	for p.i < len(p.b) {
		c := p.b[p.i]
		if (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-' {
			p.i++
			continue
		}
		break
	}
	if p.i == start {
		return 0, fmt.Errorf("bad value")
	}
	if neg {
		v = -v
	}
	return int32(v), nil
}

// hexID parses a declaration id ("0x55d0c0a8").
func (p *parser) hexID() (uint64, error) {
	raw, _, err := p.rawString()
	if err != nil {
		return 0, err
	}
	if len(raw) > 2 && raw[0] == '0' && (raw[1] == 'x' || raw[1] == 'X') {
		raw = raw[2:]
	}
	var v uint64
	for _, c := range raw {
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | uint64(c-'0')
		case c >= 'a' && c <= 'f':
			v = v<<4 | uint64(c-'a'+10)
		case c >= 'A' && c <= 'F':
			v = v<<4 | uint64(c-'A'+10)
		default:
			return 0, fmt.Errorf("bad id %q", raw)
		}
	}
	return v, nil
}

// skip consumes any value. Objects with an "offset" are locations: they
// update the elided file/line state as the builder's locations do.
func (p *parser) skip() error {
	p.ws()
	if p.i >= len(p.b) {
		return fmt.Errorf("unexpected end")
	}
	switch c := p.b[p.i]; {
	case c == '{':
		p.i++
		var pos jpos
		isLoc := false
		err := p.members(func(key []byte) error {
			switch string(key) {
			case "offset":
				isLoc = true
				return p.skip()
			case "file":
				f, err := p.str()
				pos.File = f
				return err
			case "line":
				l, err := p.integer()
				pos.Line = l
				return err
			}
			return p.skip()
		})
		if isLoc {
			p.settle(&pos)
		}
		return err
	case c == '[':
		return p.array(p.skip)
	case c == '"':
		_, _, err := p.rawString()
		return err
	case c == 't':
		return p.word("true")
	case c == 'f':
		return p.word("false")
	case c == 'n':
		return p.word("null")
	default:
		_, err := p.integer()
		return err
	}
}

func (p *parser) word(w string) error {
	if p.i+len(w) > len(p.b) || string(p.b[p.i:p.i+len(w)]) != w {
		return fmt.Errorf("bad value")
	}
	p.i += len(w)
	return nil
}

// settle restores a printed location's elided file/line from the dumper's
// state, then updates the state.
func (p *parser) settle(l *jpos) {
	if l.File != "" {
		p.lastFile = l.File
		p.lastLine = l.Line
		return
	}
	l.File = p.lastFile
	if l.Line != 0 {
		p.lastLine = l.Line
	} else {
		l.Line = p.lastLine
	}
}

// pos parses one printed location object ({"offset", "file", "line", "col",
// "tokLen", "includedFrom"}); ok is set when it has an offset.
func (p *parser) pos() (jpos, error) {
	var l jpos
	if err := p.expect('{'); err != nil {
		return l, err
	}
	err := p.members(func(key []byte) error {
		var err error
		switch string(key) {
		case "offset":
			l.ok = true
			l.Offset, err = p.integer()
		case "file":
			l.File, err = p.str()
		case "line":
			l.Line, err = p.integer()
		case "tokLen":
			l.TokLen, err = p.integer()
		default:
			err = p.skip()
		}
		return err
	})
	if l.ok {
		p.settle(&l)
	}
	return l, err
}

// loc parses a location: a printed one, or a macro location's
// {"spellingLoc", "expansionLoc"}.
func (p *parser) loc() (jloc, error) {
	var l jloc
	if err := p.expect('{'); err != nil {
		return l, err
	}
	var plain jpos
	err := p.members(func(key []byte) error {
		var err error
		switch string(key) {
		case "offset":
			plain.ok = true
			plain.Offset, err = p.integer()
		case "file":
			plain.File, err = p.str()
		case "line":
			plain.Line, err = p.integer()
		case "tokLen":
			plain.TokLen, err = p.integer()
		case "spellingLoc":
			l.spell, err = p.pos()
		case "expansionLoc":
			l.exp, err = p.pos()
			l.macro = true
		default:
			err = p.skip()
		}
		return err
	})
	if plain.ok {
		p.settle(&plain)
		l.spell = plain
	}
	return l, err
}

func (p *parser) rangeOf() (jrange, error) {
	var r jrange
	if err := p.expect('{'); err != nil {
		return r, err
	}
	err := p.members(func(key []byte) error {
		var err error
		switch string(key) {
		case "begin":
			r.Begin, err = p.loc()
		case "end":
			r.End, err = p.loc()
		default:
			err = p.skip()
		}
		return err
	})
	return r, err
}

// qualType parses a "type" object and returns its "qualType".
func (p *parser) qualType() (string, error) {
	if p.i >= len(p.b) || p.b[p.i] != '{' {
		return "", p.skip()
	}
	p.i++
	var t string
	err := p.members(func(key []byte) error {
		if string(key) == "qualType" {
			var err error
			t, err = p.str()
			return err
		}
		return p.skip()
	})
	return t, err
}

func (p *parser) ref() (*jref, error) {
	if p.i >= len(p.b) || p.b[p.i] != '{' {
		return nil, p.skip()
	}
	p.i++
	r := &jref{}
	err := p.members(func(key []byte) error {
		var err error
		switch string(key) {
		case "id":
			r.ID, err = p.hexID()
		case "kind":
			r.Kind, err = p.str()
		case "name":
			r.Name, err = p.str()
		case "type":
			r.Type, err = p.qualType()
		default:
			err = p.skip()
		}
		return err
	})
	return r, err
}

// object parses one AST node. A FullComment (documentation comments) is
// kept as a node of that kind only: nothing reads below it.
func (p *parser) object() (*jnode, error) {
	if err := p.expect('{'); err != nil {
		return nil, err
	}
	n := &jnode{}
	err := p.members(func(key []byte) error {
		var err error
		switch string(key) {
		case "id":
			n.ID, err = p.hexID()
		case "kind":
			n.Kind, err = p.str()
		case "name":
			n.Name, err = p.str()
		case "loc":
			n.Loc, err = p.loc()
		case "range":
			n.Range, err = p.rangeOf()
		case "type":
			n.Type, err = p.qualType()
		case "argType":
			n.ArgType, err = p.qualType()
		case "storageClass":
			n.StorageClass, err = p.str()
		case "tagUsed":
			n.TagUsed, err = p.str()
		case "opcode":
			n.Opcode, err = p.str()
		case "value":
			n.Value, err = p.scalar()
		case "init":
			n.Init, err = p.scalar()
		case "inline":
			n.Inline, err = p.boolean()
		case "completeDefinition":
			n.CompleteDef, err = p.boolean()
		case "isImplicit":
			n.IsImplicit, err = p.boolean()
		case "isArrow":
			n.IsArrow, err = p.boolean()
		case "referencedDecl":
			n.Ref, err = p.ref()
		case "decl", "ownedTagDecl":
			n.Decl, err = p.ref()
		case "inner", "array_filler":
			if n.Kind == "FullComment" {
				return p.skip()
			}
			err = p.array(func() error {
				p.ws()
				c, err := p.object()
				if err != nil {
					return err
				}
				n.Inner = append(n.Inner, c)
				return nil
			})
		default:
			err = p.skip()
		}
		return err
	})
	if err != nil {
		return nil, err
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

// expansion returns the expansion position of a location.
func expansion(l jloc) pos {
	if l.macro {
		e := l.exp
		return pos{File: e.File, Offset: int(e.Offset), Line: int(e.Line), TokLen: int(e.TokLen), Macro: true, valid: e.ok}
	}
	s := l.spell
	if !s.ok {
		return pos{}
	}
	return pos{File: s.File, Offset: int(s.Offset), Line: int(s.Line), TokLen: int(s.TokLen), valid: true}
}
