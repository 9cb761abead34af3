"""Gazelle with OPENED's extension, offline, for a workspace that uses OPENED.

    local_repository(name = "opened", path = "...")
    load("@opened//bazel:repositories.bzl", "opened_dependencies", "opened_register_toolchains")
    opened_dependencies()
    load("@opened//bazel:gazelle_deps.bzl", "opened_gazelle_dependencies")
    opened_gazelle_dependencies()
    opened_register_toolchains()

and in the root BUILD.bazel:

    load("@bazel_gazelle//:def.bzl", "gazelle", "gazelle_binary")
    gazelle_binary(name = "gazelle_binary", languages = ["@opened//gazelle_ext"])
    gazelle(name = "gazelle", gazelle = ":gazelle_binary")

Everything comes from the host: rules_go v0.34 and gazelle v0.27 from the Go
module cache (declared by opened_dependencies()), the Go SDK from Debian's
golang-1.19-go, gazelle's Go dependencies through go_repository reading the
host module cache with GOPROXY=off (go_repository_host_cache: no .bazelrc
--repo_env lines needed). scripts/setup-bazel.sh pre-populates all of it.
Full walk-through: docs/consumer.md.
"""

load("@bazel_gazelle//internal:go_repository_config.bzl", "go_repository_config")
load("@bazel_tools//tools/build_defs/repo:utils.bzl", "maybe")
load("@io_bazel_rules_go//go:deps.bzl", "go_local_sdk", "go_rules_dependencies")
load(":go_deps.bzl", "opened_go_deps")
load(":go_tools.bzl", "gazelle_go_repository_tools")
load(":host.bzl", "go_repository_host_cache")

def opened_gazelle_dependencies(go_sdk_path = "/usr/lib/go-1.19"):
    """Declares the Go SDK, gazelle's tools and Go dependencies, offline.

    Args:
      go_sdk_path: a Go < 1.21 SDK for rules_go v0.34 (Debian golang-1.19-go).
    """
    maybe(go_local_sdk, name = "go_sdk", path = go_sdk_path)
    maybe(gazelle_go_repository_tools, name = "bazel_gazelle_go_repository_tools")
    maybe(go_repository_host_cache, name = "bazel_gazelle_go_repository_cache", go_sdk_name = "go_sdk")

    # Gazelle resolves the imports of gazelle's own Go dependencies from this
    # repository config: OPENED's WORKSPACE and the repository_macro it names
    # (bazel/go_deps.bzl), wherever OPENED is checked out.
    maybe(go_repository_config, name = "bazel_gazelle_go_repository_config", config = Label("//:WORKSPACE"))
    opened_go_deps()
    go_rules_dependencies()
