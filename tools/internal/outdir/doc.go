// Package outdir writes OPENED's output directories (units, pipelines) atomically and safely.
//
// A directory is filled under a temporary name beside its destination and renamed into place,
// so a reader sees the old directory or the new one, never half of one. What is replaced is
// only ever something OPENED wrote: an absent path, an empty directory, or a directory that
// carries OPENED's marker file (or, for directories written before the marker existed, exactly
// the files of its kind). A regular file, a directory holding anything else, a source
// repository, a parent of one or a path inside one is refused with an *Error before anything
// is written.
//
// Several directories can be written all-or-nothing with a Batch (opened extract --spec writes
// every stage or none). Temporary directories carry the writing process's PID: Sweep removes
// those whose process is gone (killed with SIGKILL), and RemoveTemps removes the live ones of
// this process (called from a signal handler).
package outdir
