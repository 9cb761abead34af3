package cfront

// TU is the model of one translation unit. Paths are relative to the
// repository root with forward slashes; system files keep their absolute path.
type TU struct {
	// File is the .c file of the unit.
	File string `json:"file"`
	// Compiler is the clang that parsed the unit, as its __VERSION__ macro
	// says ("Debian Clang 14.0.6", read from the preprocessor stream); "" if
	// unknown.
	Compiler string `json:"compiler,omitempty"`
	// Includes lists #include edges in the order clang entered them.
	Includes []Include `json:"includes"`
	// Macros lists the #define and #undef lines of project files and of
	// the command line, in the order clang saw them (a name can be defined,
	// undefined and redefined).
	Macros []Macro `json:"macros"`
	// SystemMacros lists which of a few well-known macros (SEC, __uint,
	// __type, __array, __always_inline) system headers define.
	SystemMacros []string `json:"system_macros"`
	// SystemTypedefs lists typedef names defined in project files that
	// system headers of the unit use (a project vmlinux.h provides __u32 to
	// <bpf/bpf_helpers.h>).
	SystemTypedefs []string `json:"system_typedefs,omitempty"`
	// SystemMacroUses lists project macro names that appear in system
	// headers of the unit.
	SystemMacroUses []string `json:"system_macro_uses,omitempty"`
	// Active lists, per project file, the line ranges that produced
	// preprocessed output; lines of inactive #if branches are outside them.
	Active map[string][]LineRange `json:"active"`
	// Packs lists the #pragma pack lines of project files (Name is empty).
	Packs []Macro `json:"packs,omitempty"`
	// Decls lists the top-level declarations of project files in unit order.
	Decls []Decl `json:"decls"`
	// Helpers maps BPF helper names (function pointers initialised with the
	// helper id, as in bpf_helper_defs.h) to their id.
	Helpers map[string]int `json:"helpers"`
	// MapTypes maps enum bpf_map_type values to their names.
	MapTypes map[int]string `json:"map_types"`
	// Types maps every named type of the unit (struct/union/enum tags and
	// typedefs, system ones included) to true when a project file defines it.
	Types map[string]bool `json:"types"`
}

// LineRange is an inclusive range of 1-based lines.
type LineRange struct {
	First int `json:"first"`
	Last  int `json:"last"`
}

// IsActive reports whether line of file produced preprocessed output.
func (tu *TU) IsActive(file string, line int) bool {
	rs := tu.Active[file]
	lo, hi := 0, len(rs)
	for lo < hi {
		m := (lo + hi) / 2
		switch {
		case line < rs[m].First:
			hi = m
		case line > rs[m].Last:
			lo = m + 1
		default:
			return true
		}
	}
	return false
}

// Include is one #include edge.
type Include struct {
	From     string `json:"from"`
	Line     int    `json:"line"`
	To       string `json:"to"`
	System   bool   `json:"system"`
	Spelling string `json:"spelling"`
	// Seq is the position in the preprocessed unit; it orders includes,
	// macros and declarations as clang saw them.
	Seq int `json:"seq"`
}

// Macro is one #define.
type Macro struct {
	Name string `json:"name"`
	// File is "<command line>" for -D macros.
	File    string `json:"file"`
	Line    int    `json:"line"`
	EndLine int    `json:"end_line"`
	// Text is the original definition, "#define ..." including continuations.
	Text string `json:"text"`
	Seq  int    `json:"seq"`
	// Undef marks an #undef line.
	Undef bool `json:"undef,omitempty"`
}

// Decl is one top-level declaration of a project file.
type Decl struct {
	// Kind is the clang kind: FunctionDecl, VarDecl, RecordDecl, TypedefDecl, EnumDecl.
	Kind string `json:"kind"`
	Name string `json:"name,omitempty"`
	// Tag is struct, union or enum for tag declarations.
	Tag  string `json:"tag,omitempty"`
	File string `json:"file"`
	// Begin and End are byte offsets of the declaration's text in File
	// (End exclusive, including a terminating ';').
	Begin     int `json:"begin"`
	End       int `json:"end"`
	StartLine int `json:"start_line"`
	EndLine   int `json:"end_line"`
	// Seq is the position of the first line in the preprocessed unit.
	Seq int `json:"seq"`
	// PreserveAccessIndex is set on records clang marked
	// preserve_access_index (CO-RE), e.g. under #pragma clang attribute.
	PreserveAccessIndex bool `json:"preserve_access_index,omitempty"`
	// BodyBegin is the offset of a function body's '{', or -1.
	BodyBegin    int    `json:"body_begin"`
	IsDefinition bool   `json:"is_definition"`
	Storage      string `json:"storage,omitempty"`
	Inline       bool   `json:"inline,omitempty"`
	// Packed is set on records laid out under #pragma pack.
	Packed bool `json:"packed,omitempty"`
	// AsmLabel is set for declarations renamed with asm("..."), such as
	// LLVM intrinsics (asm("llvm.bpf.load.half")): the backend provides them.
	AsmLabel bool `json:"asm_label,omitempty"`
	// Weak is set for __attribute__((weak)) definitions.
	Weak   bool `json:"weak,omitempty"`
	Extern bool `json:"extern,omitempty"`
	// Signature is clang's type of the declaration ("int (struct xdp_md *)").
	Signature string `json:"signature,omitempty"`
	// Section is the ELF section clang placed the symbol in.
	Section string `json:"section,omitempty"`
	// Refs lists references to top-level functions, variables and enum
	// constants, in source order.
	Refs []Ref `json:"refs,omitempty"`
	// TypeRefs lists the identifiers of the types of every expression and
	// declaration inside a function or variable (types used without being
	// named in the text, as in a->b->c).
	TypeRefs []string `json:"type_refs,omitempty"`
	// HelperCalls lists calls of BPF helpers.
	HelperCalls []HelperCall `json:"helper_calls,omitempty"`
	// Nested lists struct, union and enum tags declared inside a record
	// (they have file scope; copying them means copying the record).
	Nested []string `json:"nested,omitempty"`
	// EnumConsts lists the constants of an EnumDecl (or of enums nested in a record).
	EnumConsts []string `json:"enum_consts,omitempty"`
	// Map is set when the declaration defines a BPF map.
	Map *MapDef `json:"map,omitempty"`
}

// Ref is a reference from a declaration to a top-level declaration.
type Ref struct {
	Name string `json:"name"`
	// Kind is FunctionDecl, VarDecl or EnumConstantDecl.
	Kind string `json:"kind"`
	Line int    `json:"line"`
	// Call is true when the reference is the callee of a call.
	Call bool `json:"call,omitempty"`
}

// HelperCall is a call of a BPF helper.
type HelperCall struct {
	Helper string `json:"helper"`
	ID     int    `json:"id"`
	Line   int    `json:"line"`
	// Maps lists global variables passed as arguments (the map operands).
	Maps []string `json:"maps,omitempty"`
}

// MapDef describes a map definition.
type MapDef struct {
	// Style is btf, legacy or iproute2.
	Style string `json:"style"`
	// Type is the map type number (enum bpf_map_type); TypeName its name.
	Type       int    `json:"type"`
	KeyType    string `json:"key_type,omitempty"`
	ValueType  string `json:"value_type,omitempty"`
	KeySize    int    `json:"key_size,omitempty"`
	ValueSize  int    `json:"value_size,omitempty"`
	MaxEntries int    `json:"max_entries,omitempty"`
	Flags      int    `json:"flags,omitempty"`
	// Pinning is the raw pinning value (LIBBPF_PIN_BY_NAME = 1, PIN_GLOBAL_NS = 2).
	Pinning int `json:"pinning,omitempty"`
	// ID, InnerID and InnerIdx are iproute2's bpf_elf_map fields.
	ID       int `json:"id,omitempty"`
	InnerID  int `json:"inner_id,omitempty"`
	InnerIdx int `json:"inner_idx,omitempty"`
	// InnerType is the text of a BTF map-in-map __array(values, ...) type.
	InnerType string `json:"inner_type,omitempty"`
	// Values lists the names statically placed in a BTF map's .values.
	Values []string `json:"values,omitempty"`
	// Fields holds the raw BTF __uint fields (or legacy struct fields) by name.
	Fields map[string]int `json:"fields,omitempty"`
}

// Func reports whether d is a function.
func (d *Decl) Func() bool { return d.Kind == "FunctionDecl" }

// IsType reports whether d declares a type.
func (d *Decl) IsType() bool {
	return d.Kind == "RecordDecl" || d.Kind == "TypedefDecl" || d.Kind == "EnumDecl"
}
