"""WORKSPACE macros for repositories that use OPENED's rules (see e2e/smoke).

    local_repository(name = "opened", path = "...")
    load("@opened//bazel:repositories.bzl", "opened_dependencies", "opened_register_toolchains")
    opened_dependencies()
    opened_register_toolchains()

OPENED's own WORKSPACE spells the same repositories out one by one (it also
needs rules_go and gazelle for //:gazelle), to mirror MODULE.bazel.
"""

load("@bazel_tools//tools/build_defs/repo:utils.bzl", "maybe")
load(":clang.bzl", "clang_host_repository")
load(":go_tools.bzl", "opened_tool_repository")
load(":host.bzl", "absolute_label", "host_directory_repository")

def _forwarding_repository_impl(rctx):
    src = rctx.path(Label("//bazel:BUILD.bazel")).dirname.get_child("local").get_child(rctx.attr.dir)
    for entry in src.readdir():
        rctx.symlink(entry, entry.basename)

_forwarding_repository = repository_rule(
    implementation = _forwarding_repository_impl,
    doc = "Links one of OPENED's bazel/local/ forwarding repositories.",
    attrs = {"dir": attr.string(mandatory = True)},
)

def opened_dependencies():
    """Declares what OPENED's rules need, offline, unless already declared."""
    maybe(
        host_directory_repository,
        name = "bazel_skylib",
        env = "OPENED_SKYLIB_DIR",
        paths = ["/usr/share/bazel/tools/skylib"],
    )
    maybe(
        host_directory_repository,
        name = "platforms",
        env = "OPENED_PLATFORMS_DIR",
        paths = ["/usr/share/bazel/tools/platforms"],
    )
    for name in ["rules_cc", "rules_java", "remote_coverage_tools"]:
        maybe(_forwarding_repository, name = name, dir = name)
    maybe(clang_host_repository, name = "opened_clang")
    maybe(opened_tool_repository, name = "opened_tool")

# buildifier: disable=unnamed-macro
def opened_register_toolchains():
    """Registers the default clang and opened toolchains."""
    native.register_toolchains(absolute_label("//bazel/toolchains:all"))
