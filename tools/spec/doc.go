// Package spec reads opened.yaml, the file that names what OPENED extracts from which vendored
// repository.
//
// Two forms are accepted. The seed form is a list of pairs, a repository (a path, or a URI whose
// last path element names a vendored directory) and an entry written as
// repository/file/path:line:
//
//   - [https://github.com/example/lb, lb/bpf/balancer.c:120]
//   - [../third_party/decap, decap/src/decap.c:40]
//
// The named form is a mapping with an "extract" list; each item has a name, repo, entry
// (file:line or function name), cflags (a list or one string) and prefer (a list or one path):
//
//	extract:
//	  - name: decap
//	    repo: ../third_party/xdp_decap
//	    entry: xdp_decap_main
//	    cflags: [-Iinclude, -DENABLE_GUE]
//	    prefer: [src/csum.c]
//
// A bare list of such mappings is accepted as well. A repository written as a URI is looked
// for, under its last path element, beside the spec, then in third_party/ and vendor/ beside it
// (OPENED never fetches). Every error names the file, the YAML line and the field. The package
// is pure Go (no cgo) and builds with Go 1.19, because the Gazelle extension compiles it.
package spec
