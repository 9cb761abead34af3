package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

// exitOnSignal makes SIGINT and SIGTERM run cleanups (temporary files and directories this
// process is writing) and exit with 128+signal, so an interrupted run leaves nothing behind.
// (SIGKILL cannot be caught: the next run sweeps what a killed process left, see
// outdir.Sweep.)
func exitOnSignal(cleanups ...func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		s := <-ch
		for _, c := range cleanups {
			c()
		}
		fmt.Fprintf(os.Stderr, "opened: interrupted by %v; nothing was written\n", s)
		code := 128
		if n, ok := s.(syscall.Signal); ok {
			code += int(n)
		}
		os.Exit(code)
	}()
}
