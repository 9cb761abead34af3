package extract

import (
	"testing"

	"github.com/opened-ebpf/opened/tools/internal/cfront"
)

func TestPrune(t *testing.T) {
	// Lines 10.. of f.c; active lists the lines clang's preprocessor produced.
	tests := []struct {
		name   string
		active []cfront.LineRange
		text   string
		want   string
	}{
		{
			name:   "no conditionals",
			active: []cfront.LineRange{{First: 10, Last: 12}},
			text:   "int f(void)\n{\n}",
			want:   "int f(void)\n{\n}",
		},
		{
			name:   "else branch compiled",
			active: []cfront.LineRange{{First: 10, Last: 11}, {First: 15, Last: 16}},
			text:   "int f(void)\n{\n#ifdef A\n\treturn a();\n#else\n\treturn b();\n}\n",
			want:   "int f(void)\n{\n\treturn b();\n}\n",
		},
		{
			name:   "nested, inner disabled",
			active: []cfront.LineRange{{First: 10, Last: 10}, {First: 12, Last: 12}, {First: 16, Last: 16}},
			text:   "{\n#if X\n\tx();\n#if Y\n\ty();\n#endif\n}\n",
			want:   "{\n\tx();\n}\n",
		},
		{
			name:   "directive continued with a backslash",
			active: []cfront.LineRange{{First: 10, Last: 10}, {First: 13, Last: 13}, {First: 17, Last: 17}},
			text:   "{\n#if defined(A) || \\\n    defined(B)\n\ta();\n#else\n\tb();\n#endif\n}\n",
			want:   "{\n\ta();\n}\n",
		},
		{
			name:   "declaration starting inside an #else",
			active: []cfront.LineRange{{First: 10, Last: 10}, {First: 12, Last: 13}},
			text:   "static __always_inline int\n#endif\nf(void)\n{ return 0; }",
			want:   "static __always_inline int\nf(void)\n{ return 0; }",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tu := &cfront.TU{Active: map[string][]cfront.LineRange{"f.c": tc.active}}
			if got := prune(tu, "f.c", 10, tc.text); got != tc.want {
				t.Errorf("prune =\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}
