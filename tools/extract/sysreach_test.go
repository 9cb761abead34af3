package extract

import (
	"sort"
	"strings"
	"testing"

	"github.com/opened-ebpf/opened/tools/internal/cfront"
)

// TestViaSystem: the repository files of a unit that clang entered from inside a system header
// are those no chain of repository #include lines reaches from the unit's file.
func TestViaSystem(t *testing.T) {
	inc := func(from, to string, system bool) cfront.Include {
		return cfront.Include{From: from, To: to, System: system}
	}
	for _, tc := range []struct {
		name string
		tu   cfront.TU
		want string
	}{
		{
			name: "only repository includes",
			tu: cfront.TU{File: "src/a.c", Includes: []cfront.Include{
				inc("src/a.c", "include/linux/bpf.h", false),
				inc("include/linux/bpf.h", "include/linux/types.h", false),
				inc("include/linux/types.h", "/usr/include/x86_64-linux-gnu/asm/types.h", true),
			}, Decls: []cfront.Decl{{File: "include/linux/bpf.h"}, {File: "src/a.c"}}},
			want: "",
		},
		{
			name: "header a system header includes, and what it includes",
			tu: cfront.TU{File: "src/a.c", Includes: []cfront.Include{
				inc("src/a.c", "include/linux/types.h", false),
				inc("include/linux/types.h", "/usr/include/x86_64-linux-gnu/asm/types.h", true),
				// asm/types.h -> include/asm-generic/types.h is not recorded (from a system header).
				inc("include/asm-generic/types.h", "include/asm-generic/int-ll64.h", false),
				inc("include/asm-generic/int-ll64.h", "/usr/include/x86_64-linux-gnu/asm/bitsperlong.h", true),
			}, Decls: []cfront.Decl{{File: "include/asm-generic/int-ll64.h"}, {File: "src/a.c"}}},
			want: "include/asm-generic/int-ll64.h include/asm-generic/types.h",
		},
		{
			name: "header with only macros, known by its macros and active lines",
			tu: cfront.TU{File: "src/a.c", Includes: []cfront.Include{
				inc("src/a.c", "/usr/include/linux/if_tun.h", true),
			}, Macros: []cfront.Macro{{Name: "X", File: "<command line>"}, {Name: "ETH_ALEN", File: "include/linux/if_ether.h"}},
				Active: map[string][]cfront.LineRange{"src/a.c": {{First: 1, Last: 9}}, "include/linux/if_ether.h": {{First: 1, Last: 3}}}},
			want: "include/linux/if_ether.h",
		},
		{
			name: "header entered twice, once from the repository",
			tu: cfront.TU{File: "src/a.c", Includes: []cfront.Include{
				inc("src/a.c", "lib/t.h", false),
				inc("src/a.c", "lib/t.h", false),
			}, Decls: []cfront.Decl{{File: "lib/t.h"}}},
			want: "",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := &extractor{}
			var got []string
			for f := range x.viaSystem(&unit{tu: &tc.tu}) {
				got = append(got, f)
			}
			sort.Strings(got)
			if strings.Join(got, " ") != tc.want {
				t.Errorf("viaSystem = %q; want %q", strings.Join(got, " "), tc.want)
			}
		})
	}
}
