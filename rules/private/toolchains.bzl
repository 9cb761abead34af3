"""Toolchain rules for clang and the `opened` tool."""

load(":providers.bzl", "ClangToolchainInfo", "OpenedToolchainInfo")

CLANG_TOOLCHAIN_TYPE = str(Label("//rules:clang_toolchain_type"))
OPENED_TOOLCHAIN_TYPE = str(Label("//rules:opened_toolchain_type"))

def _clang_toolchain_impl(ctx):
    clang = ctx.executable.clang
    info = ClangToolchainInfo(
        clang = clang,
        version = ctx.attr.version,
        cflags = ctx.attr.cflags,
        files = depset([clang], transitive = [ctx.attr.clang[DefaultInfo].files] + [f[DefaultInfo].files for f in ctx.attr.files]),
    )
    return [platform_common.ToolchainInfo(clanginfo = info)]

clang_toolchain = rule(
    implementation = _clang_toolchain_impl,
    doc = """Declares a clang for the `//rules:clang_toolchain_type` toolchain type.

Register it with `toolchain(toolchain = ..., toolchain_type = "@opened//rules:clang_toolchain_type")`
and `register_toolchains`. The default one (@opened_clang) is found on the host.""",
    attrs = {
        "clang": attr.label(mandatory = True, executable = True, cfg = "exec", allow_files = True, doc = "The clang binary."),
        "files": attr.label_list(
            cfg = "exec",
            allow_files = True,
            doc = "Everything clang needs at run time (libraries, loader, resource and system headers): inputs of every action that runs it.",
        ),
        "version": attr.string(mandatory = True, doc = "clang's version, recorded for the record (and the action keys)."),
        "cflags": attr.string_list(doc = "Flags every bpf compilation needs with this clang on this host."),
    },
)

def _opened_toolchain_impl(ctx):
    opened = ctx.executable.opened
    info = OpenedToolchainInfo(
        opened = opened,
        files = depset([opened], transitive = [ctx.attr.opened[DefaultInfo].files]),
    )
    return [platform_common.ToolchainInfo(openedinfo = info)]

opened_toolchain = rule(
    implementation = _opened_toolchain_impl,
    doc = """Declares an `opened` tool for the `//rules:opened_toolchain_type` toolchain type.

The default one (@opened_tool) is built from this workspace with the host Go;
Bazel 7+ users with current rules_go may register one built by a go_binary.""",
    attrs = {
        "opened": attr.label(mandatory = True, executable = True, cfg = "exec", allow_files = True, doc = "The opened binary."),
    },
)
