"""WORKSPACE macros for repositories that use OPENED's rules (see e2e/smoke).

    local_repository(name = "opened", path = "...")
    load("@opened//bazel:repositories.bzl", "opened_dependencies", "opened_register_toolchains")
    opened_dependencies()
    load("@opened//bazel:gazelle_deps.bzl", "opened_gazelle_dependencies")  # for Gazelle
    opened_gazelle_dependencies()
    opened_register_toolchains()

Walk-through: docs/consumer.md. OPENED's own WORKSPACE spells the same repositories out one by one (it also
needs rules_go and gazelle for //:gazelle), to mirror MODULE.bazel.
"""

load("@bazel_tools//tools/build_defs/repo:utils.bzl", "maybe")
load(":clang.bzl", "clang_host_repository")
load(":go_tools.bzl", "opened_tool_repository")
load(":host.bzl", "absolute_label", "go_module_repository", "host_directory_repository")

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

    # rules_go and gazelle for @opened//gazelle_ext (opened_gazelle_dependencies(),
    # bazel/gazelle_deps.bzl); nothing is fetched unless a target uses them.
    maybe(
        go_module_repository,
        name = "io_bazel_rules_go",
        module = "github.com/bazelbuild/rules_go",
        version = "v0.34.0",
    )
    maybe(
        go_module_repository,
        name = "bazel_gazelle",
        module = "github.com/bazelbuild/bazel-gazelle",
        patches = [Label("//bazel/patches:bazel_gazelle_skylib_1.0.patch")],
        version = "v0.27.0",
    )
    maybe(opened_tool_repository, name = "opened_tool")

# buildifier: disable=unnamed-macro
def opened_register_toolchains():
    """Registers the default clang and opened toolchains."""
    native.register_toolchains(absolute_label("//bazel/toolchains:all"))
