"""ebpf_transform: port an extracted unit between the XDP and tc hooks."""

load("//rules/private:providers.bzl", "EbpfTransformInfo", "EbpfUnitInfo")
load("//rules/private:toolchains.bzl", "CLANG_TOOLCHAIN_TYPE", "OPENED_TOOLCHAIN_TYPE")
load("//rules/private/actions:transform.bzl", "emit_transform")

_TARGETS = ["tc-ingress", "tc-egress", "xdp"]

def _ebpf_transform_impl(ctx):
    if ctx.attr.to not in _TARGETS:
        fail("%r is not a hook opened transform ports to; use one of %s" % (ctx.attr.to, ", ".join(_TARGETS)), attr = "to")
    if ctx.attr.chained and ctx.attr.to == "xdp":
        fail("chained only applies to ports to tc (XDP_PASS becomes the tcx \"next\" verdict)", attr = "chained")
    src = ctx.attr.unit[EbpfUnitInfo]
    port = emit_transform(
        ctx.actions,
        name = ctx.label.name,
        label = ctx.label,
        unit = src,
        to = ctx.attr.to,
        chained = ctx.attr.chained,
        clang = ctx.toolchains[CLANG_TOOLCHAIN_TYPE].clanginfo,
        opened = ctx.toolchains[OPENED_TOOLCHAIN_TYPE].openedinfo,
    )
    files = depset(port.files)
    return [
        DefaultInfo(files = files, runfiles = ctx.runfiles(files = port.files)),
        OutputGroupInfo(
            mcu_c = depset([port.mcu_c]),
            mcu_o = depset([port.mcu_o]),
            reports = depset([port.functions, port.maps, port.warnings, port.changes]),
        ),
        # The port is a unit like any other: ebpf_verify_test, ebpf_difftest and later
        # stages take it where they take an ebpf_extract target.
        EbpfUnitInfo(
            name = ctx.label.name,
            entry = src.entry,
            dir = port.dir,
            functions = port.functions,
            maps = port.maps,
            warnings = port.warnings,
            mcu_c = port.mcu_c,
            mcu_o = port.mcu_o,
            files = files,
            srcs = src.srcs,
        ),
        EbpfTransformInfo(
            to = ctx.attr.to,
            chained = ctx.attr.chained,
            changes = port.changes,
            original = src,
        ),
    ]

ebpf_transform = rule(
    implementation = _ebpf_transform_impl,
    doc = """Ports a unit (an `ebpf_extract` target) to another hook: XDP <-> tc.

Runs `opened transform --config <name>.transform.json --out <package>/<name>` in one
action (mnemonic `EbpfTransform`) and declares its outputs: `<name>/functions.json`,
`maps.json`, `warnings.json`, `mcu.c`, `mcu.o` (the ported unit, in the same format) and
`changes.json` (every edit, with the original file:line). A port that cannot be exact fails
the build listing every blocking construct with its original file:line.

Returns `EbpfUnitInfo` (so `ebpf_verify_test` and `ebpf_difftest` take it like an
extraction) and `EbpfTransformInfo`.""",
    attrs = {
        "unit": attr.label(mandatory = True, providers = [EbpfUnitInfo], doc = "The unit to port (an ebpf_extract or ebpf_transform target)."),
        "to": attr.string(mandatory = True, doc = "Target hook: tc-ingress, tc-egress or xdp."),
        "chained": attr.bool(default = False, doc = "XDP_PASS becomes TC_ACT_UNSPEC (tcx: next program) instead of TC_ACT_OK."),
    },
    provides = [EbpfUnitInfo, EbpfTransformInfo],
    toolchains = [CLANG_TOOLCHAIN_TYPE, OPENED_TOOLCHAIN_TYPE],
)
