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
	Name       string  `json:"name"`
	File       string  `json:"file"`
	StartLine  int     `json:"start_line"`
	EndLine    int     `json:"end_line"`
	Style      string  `json:"style"`
	Type       string  `json:"type"`
	KeyType    string  `json:"key_type"`
	ValueType  string  `json:"value_type"`
	KeySize    uint32  `json:"key_size"`
	ValueSize  uint32  `json:"value_size"`
	MaxEntries uint32  `json:"max_entries"`
	Pinning    string  `json:"pinning"`
	InnerMap   string  `json:"inner_map,omitempty"`
	UsedBy     []Usage `json:"used_by"`
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
