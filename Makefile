# The commands a newcomer runs (see README.md). Each installs what is missing first.
.PHONY: example test bench setup

# Main job: build every example extraction with Bazel and verify each unit in the kernel.
example:
	scripts/example.sh

# All tests: Go unit + kernel tests, bazel test //..., end-to-end Bazel checks.
test:
	scripts/test.sh

# Benchmarks (speed is measured here, never in timed tests).
bench:
	scripts/setup.sh
	PATH=/usr/local/go/bin:$$PATH go test -run '^$$' -bench . -benchmem ./...

setup:
	scripts/setup.sh
