package extract

import "strings"

// Macros reached through token pasting. A helper header may pick the macro a call expands
// to by pasting a count onto a prefix: np_apply(np_fill, np_count(args)) becomes np_fill5,
// a name no text spells. When any macro of a unit pastes tokens (##), an identifier P that
// a copied text or macro body uses also reaches every macro of the unit named P followed
// by digits (P1, P2, ..., the libbpf-style ___bpf_fillN / ___arrowN families). Carrying a
// few unused members of such a family costs nothing; missing one breaks mcu.c.

// pasteFamilies maps a prefix to the unit's macros named prefix+digits, or is empty when no
// macro of the unit pastes tokens. Computed once per unit.
func (u *unit) pasteFamilies() map[string][]string {
	if u.paste != nil {
		return u.paste
	}
	u.paste = map[string][]string{}
	pastes := false
	for i := range u.tu.Macros {
		if m := &u.tu.Macros[i]; !m.Undef && strings.Contains(m.Text, "##") {
			pastes = true
			break
		}
	}
	if !pastes {
		return u.paste
	}
	for name := range u.macros {
		p := strings.TrimRight(name, "0123456789")
		if p != name && p != "" {
			u.paste[p] = append(u.paste[p], name)
		}
	}
	return u.paste
}

// macroIdents returns the identifiers of text and the macros they reach by token pasting.
func (u *unit) macroIdents(text string) []string {
	ids := identifiers(text)
	fam := u.pasteFamilies()
	if len(fam) == 0 {
		return ids
	}
	out := ids
	for _, id := range ids {
		out = append(out, fam[id]...)
	}
	return out
}
