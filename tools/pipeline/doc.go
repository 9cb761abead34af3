// Package pipeline holds the format of a pipeline directory, the box between composition and
// loading: the names of its files and the Go types of manifest.json. `opened compose` (package
// tools/compose) writes it and the loader reads it; neither reads the other's internals.
//
// A pipeline directory holds, per segment (the stages at one hook), a generated C file and its
// object (SEGMENT.c, SEGMENT.o, SEGMENT being the hook with '-' written '_'), manifest.json and
// pipeline.dot.
package pipeline
