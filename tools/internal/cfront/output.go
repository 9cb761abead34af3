package cfront

import (
	"os"
	"sync"

	"golang.org/x/sys/unix"
)

// output is what one clang run wrote: its temporary file, or the bytes read
// from a pipe when no temporary directory was writable. close removes the file.
type output struct {
	f *os.File
	b []byte
}

func (o *output) close() {
	if o.f != nil {
		removeTemp(o.f)
		o.f = nil
	}
}

// bytes reads the whole output.
func (o *output) bytes() ([]byte, error) {
	if o.f == nil {
		return o.b, nil
	}
	return os.ReadFile(o.f.Name())
}

// mapAbove is the size from which mapped maps an output instead of reading it. Mapping the
// page cache's pages in one call (MADV_POPULATE_READ) beats reading into fresh heap pages,
// whose faults dominate: a unit's 7 MB AST took 40-70 ms to read here and 7 ms to map
// (a VM, where page faults are dear). Below it, a reused buffer is read into.
const mapAbove = 1 << 20

// mapped returns the output, mapped read-only when it has mapAbove bytes or more (any JSON
// AST of a unit that includes the helper definitions; one with a big vmlinux.h is hundreds
// of MB), a release function that drops the pages
// before an offset from the process (the parser reads them once, in order), and a function
// that unmaps it (or, for a smaller output, read whole into a reused buffer, gives the
// buffer back); release does nothing then. An output that cannot be mapped is read whole.
func (o *output) mapped() (data []byte, release func(int), unmap func(), err error) {
	nop := func(int) {}
	if o.f == nil {
		return o.b, nop, func() {}, nil
	}
	st, err := o.f.Stat()
	if err != nil {
		return nil, nil, nil, err
	}
	size := st.Size()
	if size < mapAbove {
		// Read into a buffer reused by the process's next parse (the index parses units
		// side by side and one after another): fresh heap pages cost more than the read.
		// Nothing parsed keeps a reference into it.
		bp, _ := readBufs.Get().(*[]byte)
		if bp == nil {
			bp = new([]byte)
		}
		if cap(*bp) < int(size) {
			*bp = make([]byte, size)
		}
		b := (*bp)[:size]
		if _, err := o.f.ReadAt(b, 0); err != nil {
			readBufs.Put(bp)
			return nil, nil, nil, err
		}
		return b, nop, func() { readBufs.Put(bp) }, nil
	}
	if int64(int(size)) != size {
		b, err := o.bytes()
		return b, nop, func() {}, err
	}
	m, err := unix.Mmap(int(o.f.Fd()), 0, int(size), unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		b, err := o.bytes()
		return b, nop, func() {}, err
	}
	page := os.Getpagesize()
	done := 0
	// Fault the next window in with one call rather than a fault per few pages
	// (MADV_POPULATE_READ, Linux 5.14; an older kernel refuses it, harmlessly).
	ahead := func(off int) {
		end := off + 2*releaseEvery
		if end > len(m) {
			end = len(m)
		}
		if off < end {
			_ = unix.Madvise(m[off:end], unix.MADV_POPULATE_READ)
		}
	}
	ahead(0)
	release = func(off int) {
		off &^= page - 1
		if off > len(m) {
			off = len(m) &^ (page - 1)
		}
		if off > done {
			_ = unix.Madvise(m[done:off], unix.MADV_DONTNEED)
			done = off
			ahead(off)
		}
	}
	return m, release, func() { _ = unix.Munmap(m) }, nil
}

// readBufs holds *[]byte buffers for outputs under mapAbove.
var readBufs sync.Pool
