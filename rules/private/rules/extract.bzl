"""ebpf_extract: extract the Minimal Compilable Unit of an eBPF entry function."""

load("//rules/private:providers.bzl", "EbpfUnitInfo")
load("//rules/private:toolchains.bzl", "CLANG_TOOLCHAIN_TYPE", "OPENED_TOOLCHAIN_TYPE")
load("//rules/private/actions:extract.bzl", "emit_extract", "repo_root")

_IDENT_START = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_"
_IDENT_CHARS = _IDENT_START + "0123456789"

def _is_ident(s):
    if not s or s[0] not in _IDENT_START:
        return False
    for c in s.elems():
        if c not in _IDENT_CHARS:
            return False
    return True

def _is_repo_relative(path):
    return path and not path.startswith("/") and path != ".." and not path.startswith("../")

def _check_attrs(ctx):
    """Fails at analysis, naming the attribute, on values the tool would reject."""
    if not ctx.attr.srcs:
        fail("srcs must not be empty", attr = "srcs")
    entry = ctx.attr.entry
    if not _is_ident(entry):
        file, sep, line = entry.rpartition(":")
        if not sep or not file or not line.isdigit() or int(line) == 0:
            fail("%r is neither a C function name nor FILE:LINE with a positive line" % entry, attr = "entry")
        if not _is_repo_relative(file):
            fail("%r: FILE must be relative to the repository root" % entry, attr = "entry")
    for d in ctx.attr.defines:
        name = d.partition("=")[0]
        if not _is_ident(name):
            fail("%r is not NAME or NAME=VALUE (write defines without -D)" % d, attr = "defines")
    for p in ctx.attr.prefer:
        if not _is_repo_relative(p):
            fail("%r must be a file relative to the repository root" % p, attr = "prefer")

def _ebpf_extract_impl(ctx):
    _check_attrs(ctx)
    clang = ctx.toolchains[CLANG_TOOLCHAIN_TYPE].clanginfo
    opened = ctx.toolchains[OPENED_TOOLCHAIN_TYPE].openedinfo
    srcs = depset(transitive = [t[DefaultInfo].files for t in ctx.attr.srcs + ctx.attr.hdrs])

    unit = emit_extract(
        ctx.actions,
        name = ctx.label.name,
        label = ctx.label,
        srcs = srcs,
        repo = repo_root(ctx.attr.srcs[0].label),
        entry = ctx.attr.entry,
        cflags = clang.cflags + ctx.attr.cflags,
        defines = ctx.attr.defines,
        prefer = ctx.attr.prefer,
        inner_maps = ctx.attr.inner_maps,
        clang = clang,
        opened = opened,
    )
    files = depset(unit.files)
    return [
        DefaultInfo(files = files, runfiles = ctx.runfiles(files = unit.files)),
        OutputGroupInfo(
            mcu_c = depset([unit.mcu_c]),
            mcu_o = depset([unit.mcu_o]),
            reports = depset([unit.functions, unit.maps, unit.warnings]),
        ),
        EbpfUnitInfo(
            name = ctx.label.name,
            entry = ctx.attr.entry,
            dir = unit.dir,
            functions = unit.functions,
            maps = unit.maps,
            warnings = unit.warnings,
            mcu_c = unit.mcu_c,
            mcu_o = unit.mcu_o,
            files = files,
            srcs = srcs,
        ),
    ]

ebpf_extract = rule(
    implementation = _ebpf_extract_impl,
    doc = """Extracts the Minimal Compilable Unit (MCU) of one eBPF entry function.

Runs `opened extract --config <name>.extract.json --out <package>/<name>` in one
action (mnemonic `EbpfExtract`) and declares its five outputs:
`<name>/functions.json`, `maps.json`, `warnings.json`, `mcu.c` and `mcu.o`.

The repository root handed to the tool is the package directory of the first
`srcs` label: for `srcs = ["//examples/third_party/xdp_decap:sources"]` it is
`examples/third_party/xdp_decap`, and `entry`, `prefer` and relative `-I`
flags are relative to it. Put a `filegroup` with all `.c` and `.h` files of
the third-party code in that directory's BUILD file.""",
    attrs = {
        "srcs": attr.label_list(
            mandatory = True,
            allow_files = [".c", ".h"],
            doc = "C sources of the third-party repository; the first label's package is the repository root.",
        ),
        "hdrs": attr.label_list(
            allow_files = [".h"],
            doc = "Extra headers (e.g. from another package) that the sources include.",
        ),
        "entry": attr.string(mandatory = True, doc = "Entry function: FUNCTION or FILE:LINE (FILE relative to the repository root)."),
        "cflags": attr.string_list(doc = "Compiler flags, e.g. [\"-I.\", \"-Iinclude\"] (paths relative to the repository root)."),
        "defines": attr.string_list(doc = "Preprocessor defines, NAME or NAME=VALUE (without -D)."),
        "prefer": attr.string_list(doc = "Files (relative to the repository root) whose definitions win over duplicates elsewhere."),
        "inner_maps": attr.string_dict(doc = "Inner map of a map of maps whose inner maps user space creates, by outer map name: TYPE:KEY_SIZE:VALUE_SIZE[:MAX_ENTRIES] (e.g. \"hash:8:32\"); written to maps.json inner_shape and used by the verification load."),
    },
    provides = [EbpfUnitInfo],
    toolchains = [CLANG_TOOLCHAIN_TYPE, OPENED_TOOLCHAIN_TYPE],
)
