"""Module extension (Bzlmod, Bazel 7+) for OPENED's own toolchain repositories.

The WORKSPACE counterpart calls the same repository rules directly:
clang_host_repository(name = "opened_clang") and
opened_tool_repository(name = "opened_tool").
"""

load(":clang.bzl", "clang_host_repository")
load(":go_tools.bzl", "opened_tool_repository")

def _opened_toolchains_impl(_module_ctx):
    clang_host_repository(name = "opened_clang")
    opened_tool_repository(name = "opened_tool")

opened_toolchains = module_extension(
    implementation = _opened_toolchains_impl,
    doc = "Defines @opened_clang (host clang) and @opened_tool (the opened CLI built with the host Go).",
)
