module github.com/opened-ebpf/opened

go 1.25.0

require (
	github.com/cilium/ebpf v0.22.0
	github.com/mattn/go-sqlite3 v1.14.32
	golang.org/x/sys v0.43.0
	gopkg.in/yaml.v3 v3.0.1
)

require (
	github.com/bazelbuild/bazel-gazelle v0.27.0
	github.com/google/gopacket v1.1.19
)

require (
	github.com/bazelbuild/buildtools v0.0.0-20220907133145-b9bfff5d7f91 // indirect
	golang.org/x/net v0.48.0 // indirect
	golang.org/x/tools/go/vcs v0.1.0-deprecated // indirect
)
