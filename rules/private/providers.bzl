"""Providers of the OPENED rules: one per stage output."""

EbpfUnitInfo = provider(
    doc = """An extracted Minimal Compilable Unit (MCU): the output of `ebpf_extract`.

The five files live in one directory (`dir`), in the format documented in
docs/ (functions.json, maps.json, warnings.json, mcu.c, mcu.o). Later stages
(transform, verify, compose) read only these files.""",
    fields = {
        "name": "string: the unit's name (the ebpf_extract target name).",
        "entry": "string: the entry function, as given (FUNCTION or FILE:LINE).",
        "dir": "string: exec path of the directory holding the five files.",
        "functions": "File: functions.json, the extracted functions and their source ranges.",
        "maps": "File: maps.json, the maps the unit uses.",
        "warnings": "File: warnings.json, what the user must look at (ambiguities, conversions).",
        "mcu_c": "File: mcu.c, the single readable C file.",
        "mcu_o": "File: mcu.o, mcu.c compiled with clang -O2 -g -target bpf.",
        "files": "depset of File: the five files above.",
        "srcs": "depset of File: the third-party sources the unit was extracted from.",
    },
)

ClangToolchainInfo = provider(
    doc = "A clang able to compile C for `-target bpf`, given to actions by the clang toolchain.",
    fields = {
        "clang": "File: the clang executable.",
        "version": "string: clang's version (e.g. 14.0.6).",
        "cflags": "list of string: flags every compilation needs on this host (e.g. multiarch include dir).",
        "files": "depset of File: everything an action must have as inputs to run clang.",
    },
)

OpenedToolchainInfo = provider(
    doc = "The `opened` tool, given to actions by the opened toolchain.",
    fields = {
        "opened": "File: the `opened` executable.",
        "files": "depset of File: everything an action must have as inputs to run it.",
    },
)

EbpfPipelineInfo = provider(
    doc = """A composed pipeline: the output of `ebpf_pipeline`.

One directory (`dir`) in the pipeline format (docs/formats.md, package
tools/pipeline): per segment a generated C file and its object, manifest.json
and pipeline.dot. The loader (`opened load`) reads only this directory.""",
    fields = {
        "name": "string: the pipeline's name (the ebpf_pipeline target name).",
        "mode": "string: the default mode (static, tailcall, tcx, xdp-dispatcher).",
        "dir": "string: exec path of the pipeline directory.",
        "manifest": "File: manifest.json.",
        "files": "depset of File: every file of the directory.",
        "units": "list of EbpfUnitInfo: the stages, in packet order.",
    },
)

EbpfTransformInfo = provider(
    doc = """What `ebpf_transform` did; the ported unit itself is the target's EbpfUnitInfo.""",
    fields = {
        "to": "string: the target hook (tc-ingress, tc-egress, xdp).",
        "chained": "bool: XDP_PASS was mapped to the tcx \"next\" verdict.",
        "changes": "File: changes.json, every edit with its original file:line.",
        "original": "EbpfUnitInfo: the unit that was ported.",
    },
)
