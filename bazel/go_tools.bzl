"""Repository rules that compile Go programs with the host's modern Go.

Bazel 4.2 can only use rules_go <= v0.34, whose builder does not link with
Go >= 1.21, while our tools need Go 1.25+ (cilium/ebpf, cgo go-sqlite3). So,
as bazel-gazelle's go_repository_tools does, the tools are compiled here with
`go build` against the pre-populated Go module cache (GOPROXY=off: nothing is
downloaded) and handed to actions through a toolchain (//rules:opened_toolchain_type).
Users of Bazel 7+ and current rules_go can register a toolchain built by a
go_binary instead.
"""

load(":host.bzl", "absolute_label", "host_go", "module_cache_dir")

def go_build_env(rctx, go, cgo):
    """Environment for `go build` in a repository rule: offline, module mode.

    Args:
      rctx: repository_ctx.
      go: path of the go binary.
      cgo: whether cgo is enabled.

    Returns:
      A dict of environment variables.
    """
    env = {
        "GOFLAGS": "-mod=mod",
        "GOPROXY": "off",
        "GOSUMDB": "off",
        "GOTOOLCHAIN": "local",
        "GOWORK": "off",
        "GOMODCACHE": module_cache_dir(rctx, go),
        "CGO_ENABLED": "1" if cgo else "0",
    }
    for key in ["HOME", "PATH", "GOCACHE", "CC", "TMPDIR"]:
        if rctx.os.environ.get(key, ""):
            env[key] = rctx.os.environ[key]
    if "GOCACHE" not in env and "HOME" not in env:
        # No user cache to share: keep Go's build cache in this repository.
        env["GOCACHE"] = str(rctx.path("gocache"))
    return env

def go_build(rctx, go, env, cwd, out, packages, ldflags = None, tags = None):
    """Runs `go build -trimpath -buildvcs=false -o out packages` in cwd.

    Args:
      rctx: repository_ctx.
      go: path of the go binary.
      env: environment (go_build_env).
      cwd: the module directory.
      out: output file, or a directory (ending in "/") for several packages.
      packages: packages to build.
      ldflags: optional -ldflags value.
      tags: optional list of build tags.
    """
    args = [
        go,
        "build",
        # No absolute paths, no VCS stamps: the binary depends only on its
        # sources, so two checkouts in two directories give the same bytes
        # and therefore the same action keys (remote cache hits).
        "-trimpath",
        "-buildvcs=false",
        "-o",
        out,
    ] + (["-ldflags=" + ldflags] if ldflags else []) + (["-tags=" + ",".join(tags)] if tags else []) + packages
    res = rctx.execute(args, environment = env, working_directory = str(cwd), timeout = 1200, quiet = True)
    if res.return_code:
        fail("go build %s (in %s) failed:\n%s%s" % (" ".join(packages), cwd, res.stdout, res.stderr))

def _package_of(rctx, root, rel):
    """Returns the label of a workspace file, given its path relative to root."""
    parts = rel.split("/")
    for i in range(len(parts) - 1, 0, -1):
        pkg = "/".join(parts[:i])
        if rctx.path("%s/%s/BUILD.bazel" % (root, pkg)).exists or rctx.path("%s/%s/BUILD" % (root, pkg)).exists:
            return Label("//%s:%s" % (pkg, "/".join(parts[i:])))
    return Label("//:" + rel)

_SOURCE_PATTERNS = ["*.go", "*.c", "*.h", "*.s", "*.S", "*.sql", "*.json", "*.txt", "*.tmpl", "*.yaml"]

def _watch_sources(rctx, root, roots):
    """Makes the repository rule re-run when a source file of the tool changes.

    Resolving a workspace file through a Label records it (and its digest) as
    a dependency of this repository. Test files and testdata are left out: they
    do not go into the binary. A new file only triggers a rebuild together with
    a change to a file that is already known (e.g. go.mod or the importing file).
    """
    rctx.path(Label("//:go.mod"))
    rctx.path(Label("//:go.sum"))
    find = ["find"] + [r for r in roots if rctx.path("%s/%s" % (root, r)).exists]
    if len(find) == 1:
        return []
    find += ["-name", "testdata", "-prune", "-o", "-type", "f", "("]
    for i, pattern in enumerate(_SOURCE_PATTERNS):
        if i:
            find.append("-o")
        find += ["-name", pattern]
    find += [")", "!", "-name", "*_test.go", "-print"]
    res = rctx.execute(find, working_directory = str(root))
    if res.return_code:
        fail("listing tool sources: " + res.stderr)
    files = sorted([f for f in res.stdout.splitlines() if f])
    for f in files:
        rctx.path(_package_of(rctx, root, f))
    return files

def _opened_tool_repository_impl(rctx):
    go = host_go(rctx)
    root = rctx.path(Label("//:go.mod")).dirname
    files = _watch_sources(rctx, root, rctx.attr.source_roots)
    if not files:
        fail("no Go sources found under %s in %s" % (rctx.attr.source_roots, root))
    env = go_build_env(rctx, go, cgo = True)

    # Static: the tool runs where only its declared inputs exist (a chrooted
    # remote runner has no /lib and no ELF interpreter). cgo (go-sqlite3) is
    # linked by the host C compiler against the static libc; osusergo/netgo
    # keep glibc's NSS (dlopen) out, sqlite_omit_load_extension sqlite's.
    go_build(
        rctx,
        go,
        env,
        root,
        str(rctx.path("bin")) + "/",
        [rctx.attr.package],
        ldflags = "-linkmode=external -extldflags=-static",
        tags = ["osusergo", "netgo", "sqlite_omit_load_extension"],
    )
    binary = rctx.attr.package.rstrip("/").split("/")[-1]
    rctx.file("BUILD.bazel", """\
load("{defs}", "opened_toolchain")

package(default_visibility = ["//visibility:public"])

exports_files(["bin/{binary}"])

opened_toolchain(
    name = "opened",
    opened = "bin/{binary}",
)
""".format(
        defs = absolute_label("//rules:defs.bzl"),
        binary = binary,
    ))

opened_tool_repository = repository_rule(
    implementation = _opened_tool_repository_impl,
    doc = "Builds the `opened` CLI from this workspace with the host Go and exposes it as a toolchain.",
    attrs = {
        "package": attr.string(default = "./tools/opened", doc = "Go package of the CLI, relative to the workspace root."),
        "source_roots": attr.string_list(
            default = ["tools", "loader", "internal", "pkg"],
            doc = "Workspace directories whose Go sources make up the tool (watched for changes).",
        ),
    },
    environ = ["GO", "GOMODCACHE", "GOCACHE", "CC", "PATH", "HOME"],
)

def _gazelle_go_repository_tools_impl(rctx):
    """Replaces bazel-gazelle's go_repository_tools.

    bazel-gazelle's own rule compiles in GOPATH mode against a vendor/ tree
    that the Go module proxy's copy does not contain; this one compiles the
    same three commands in module mode from the module cache, at the
    versions of bazel-gazelle's own go.mod.
    """
    go = host_go(rctx)
    gomod = rctx.path(Label("@bazel_gazelle//:go.mod"))
    res = rctx.execute(["readlink", "-f", str(gomod)])
    if res.return_code:
        fail("readlink %s: %s" % (gomod, res.stderr))
    src = rctx.path(res.stdout.strip()).dirname
    env = go_build_env(rctx, go, cgo = False)
    go_build(rctx, go, env, src, str(rctx.path("bin")) + "/", [
        "./cmd/gazelle",
        "./cmd/fetch_repo",
        "./cmd/generate_repo_config",
    ])
    rctx.file("ROOT", "")
    rctx.file("BUILD.bazel", """\
package(default_visibility = ["//visibility:public"])

filegroup(
    name = "fetch_repo",
    srcs = ["bin/fetch_repo"],
)

filegroup(
    name = "gazelle",
    srcs = ["bin/gazelle"],
)

filegroup(
    name = "generate_repo_config",
    srcs = ["bin/generate_repo_config"],
)

exports_files(["ROOT"])
""")

gazelle_go_repository_tools = repository_rule(
    implementation = _gazelle_go_repository_tools_impl,
    doc = "Builds gazelle, fetch_repo and generate_repo_config for go_repository, offline.",
    environ = ["GO", "GOMODCACHE", "GOCACHE"],
)
