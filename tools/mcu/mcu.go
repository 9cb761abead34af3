package mcu

import "fmt"

// The files of an MCU directory.
const (
	FunctionsFile = "functions.json"
	MapsFile      = "maps.json"
	WarningsFile  = "warnings.json"
	SourceFile    = "mcu.c"
	ObjectFile    = "mcu.o"
)

// Functions is functions.json.
type Functions struct {
	Entry     string     `json:"entry"`
	Section   string     `json:"section"`
	Functions []Function `json:"functions"`
	// Repo and IncludeDirs are set only on a unit whose mcu.c is not self-contained: a system
	// header it includes opens repository headers by name (docs/formats.md, "mcu.c and
	// mcu.o"), so every compile of mcu.c needs those repository include directories. On disk
	// Repo is the repository root relative to the unit directory; in memory, after Read, it is
	// absolute (resolved against the directory read), and WriteFiles writes it relative to
	// the directory written, so a unit written elsewhere (a transform's output) still finds
	// the repository. See CompileFlags.
	Repo        string       `json:"repo,omitempty"`
	IncludeDirs []IncludeDir `json:"include_dirs,omitempty"`
}

// IncludeDir is a repository include directory the compile of mcu.c keeps, as the project's
// flags give it.
type IncludeDir struct {
	// Flag is -I, -iquote, -isystem or -idirafter.
	Flag string `json:"flag"`
	// Dir is relative to the repository root, with forward slashes ("." for the root).
	Dir string `json:"dir"`
}

// Function is one function of the unit: where it is in the repository and in mcu.c.
type Function struct {
	Name         string `json:"name"`
	File         string `json:"file"`
	StartLine    int    `json:"start_line"`
	EndLine      int    `json:"end_line"`
	Static       bool   `json:"static"`
	Inline       bool   `json:"inline"`
	Section      string `json:"section,omitempty"`
	MCUStartLine int    `json:"mcu_start_line"`
	MCUEndLine   int    `json:"mcu_end_line"`
}

// Maps is maps.json.
type Maps struct {
	Maps []Map `json:"maps"`
}

// Map is one map of the unit.
type Map struct {
	Name       string `json:"name"`
	File       string `json:"file"`
	StartLine  int    `json:"start_line"`
	EndLine    int    `json:"end_line"`
	Style      string `json:"style"`
	Type       string `json:"type"`
	KeyType    string `json:"key_type"`
	ValueType  string `json:"value_type"`
	KeySize    uint32 `json:"key_size"`
	ValueSize  uint32 `json:"value_size"`
	MaxEntries uint32 `json:"max_entries"`
	Pinning    string `json:"pinning"`
	InnerMap   string `json:"inner_map,omitempty"`
	// InnerShape is set on a map of maps whose inner maps user space creates and nothing
	// declares (no inner_map): the inner map's key and value as the program's own lookups in
	// the inner maps tell them, or why they cannot be told.
	InnerShape *InnerShape `json:"inner_shape,omitempty"`
	UsedBy     []Usage     `json:"used_by"`
}

// Sources of an InnerShape.
const (
	// ShapeProgram: the key and value types are those at the program's lookups in the inner
	// maps (the key argument's type, the pointer type the result is assigned or cast to),
	// sized by clang.
	ShapeProgram = "program"
	// ShapeUser: written by the user (maps.json edited by hand): the loader uses it as is.
	ShapeUser = "user"
	// ShapeUnknown: nothing in the program tells the shape (Reason says why); the unit
	// cannot be verified standalone until the user supplies it.
	ShapeUnknown = "unknown"
)

// InnerShape is the inner map of a map of maps as far as the program tells it. It is for the
// verification load and for documentation: mcu.c declares no inner map, so user space
// inserting its own inner maps keeps working.
type InnerShape struct {
	// Source is ShapeProgram, ShapeUser or ShapeUnknown.
	Source string `json:"source"`
	// Type is the map type to verify with ("BPF_MAP_TYPE_HASH" when the program does not
	// tell it: a lookup verifies the same against any map of that key and value size).
	Type      string `json:"type,omitempty"`
	KeyType   string `json:"key_type,omitempty"`
	ValueType string `json:"value_type,omitempty"`
	KeySize   uint32 `json:"key_size,omitempty"`
	// ValueSize is 0 when the program never reads the value (it only tests the lookups'
	// results for NULL).
	ValueSize  uint32 `json:"value_size,omitempty"`
	MaxEntries uint32 `json:"max_entries,omitempty"`
	// Sites are the lookups (and updates) in the inner maps the types come from.
	Sites []Location `json:"sites,omitempty"`
	// Reason says, for ShapeUnknown, what hides the shape (and where).
	Reason string `json:"reason,omitempty"`
}

// Usage is one function's use of a map.
type Usage struct {
	Function string `json:"function"`
	Access   string `json:"access"`
}

// Warnings is warnings.json.
type Warnings struct {
	Warnings []Warning `json:"warnings"`
}

// Warning is something the user must know or provide.
type Warning struct {
	Kind       WarningKind `json:"kind"`
	Severity   string      `json:"severity"`
	Symbol     string      `json:"symbol"`
	File       string      `json:"file,omitempty"`
	Line       int         `json:"line,omitempty"`
	Message    string      `json:"message"`
	Candidates []Location  `json:"candidates,omitempty"`
	Action     string      `json:"action,omitempty"`
}

// Location is a file and line in the repository.
type Location struct {
	File string `json:"file"`
	Line int    `json:"line"`
}

func (w Warning) String() string {
	loc := ""
	if w.File != "" {
		loc = fmt.Sprintf("%s:%d: ", w.File, w.Line)
	}
	s := fmt.Sprintf("%s%s: %s [%s]", loc, w.Severity, w.Message, w.Kind)
	if w.Action != "" {
		s += "\n  action: " + w.Action
	}
	return s
}
