module github.com/opened-ebpf/opened

go 1.25.0

require (
	github.com/bazelbuild/bazel-gazelle v0.27.0 // indirect
	github.com/cilium/ebpf v0.22.0 // indirect
	github.com/mattn/go-sqlite3 v1.14.32 // indirect
	golang.org/x/sys v0.43.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)
