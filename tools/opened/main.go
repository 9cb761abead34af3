// Command opened extracts Minimal Compilable Units from third-party eBPF
// repositories.
//
//	opened index   --repo DIR [--cflags "-I. -DFOO"] --db out/index.db
//	opened extract --repo DIR --entry FILE:LINE|FUNCTION [--cflags ...] [--prefer FILE]... --out OUTDIR [--verify] [--clang PATH] [--db index.db]
//	opened extract --spec opened.yaml [--stage NAME] --out OUTDIR
//	opened extract --config config.json --out OUTDIR
//	opened verify  --unit OUTDIR
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/opened-ebpf/opened/tools/internal/cfront"
	"github.com/opened-ebpf/opened/tools/internal/outdir"
)

func main() {
	exitOnSignal(cfront.Cleanup, outdir.RemoveTemps)
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "opened: %v\n", err)
		os.Exit(1)
	}
}

const usage = `usage:
  opened index   --repo DIR [--cflags "-I. -DFOO"] [--unsafe-cflags] [--clang PATH] --db out/index.db
  opened extract --repo DIR --entry FILE:LINE|FUNCTION [--cflags ...] [--unsafe-cflags] [--prefer FILE]... --out OUTDIR [--verify] [--clang PATH] [--db index.db]
  opened extract --spec opened.yaml [--stage NAME] [--unsafe-paths] --out OUTDIR [--verify]   (no --stage: every stage, into OUTDIR/NAME)
  opened extract --config config.json --out OUTDIR
  opened verify  --unit OUTDIR
  opened transform --unit UNITDIR --to tc-ingress|tc-egress|xdp [--chained] --out OUTDIR [--verify]
  opened difftest --a A.o[:PROG]|UNITDIR --b B.o[:PROG]|UNITDIR [--pcap FILE]... [--generate N] [--seed S] [--maps SEED.yaml] [--ignore-map NAME]... [--save-pcap FILE] [--bench REPEAT]
  opened compose --spec opened.yaml [--pipeline NAME] --units UNITSDIR --out PIPELINEDIR [--mode MODE] [--no-counters]
  opened compose --config config.json --out PIPELINEDIR
  opened load    --pipeline PIPELINEDIR --iface IFACE [--netns NAME] [--replace]
  opened status  [--iface IFACE]
  opened unload  --iface IFACE
  opened load-test --pipeline PIPELINEDIR [--frames N] [--seed S]   (own netns + veth; needs root)`

func run(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("no command\n%s", usage)
	}
	switch args[0] {
	case "index":
		return runIndex(args[1:], stdout, stderr)
	case "extract":
		return runExtract(args[1:], stdout, stderr)
	case "verify":
		return runVerify(args[1:], stdout, stderr)
	case "transform":
		return runTransform(args[1:], stdout, stderr)
	case "difftest":
		return runDifftest(args[1:], stdout, stderr)
	case "compose":
		return runCompose(args[1:], stdout, stderr)
	case "load":
		return runLoad(args[1:], stdout, stderr)
	case "status":
		return runStatus(args[1:], stdout, stderr)
	case "unload":
		return runUnload(args[1:], stdout, stderr)
	case "load-test":
		return runLoadTest(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage)
		return nil
	}
	return fmt.Errorf("unknown command %q\n%s", args[0], usage)
}
