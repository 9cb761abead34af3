"""Repository rules that bring host-installed things into the build.

Nothing here downloads anything: every rule either links a directory that is
already on the machine (a Debian package, the Go module cache) or runs a
compiler that is already installed. scripts/setup-bazel.sh installs and
pre-populates all of it.
"""

def absolute_label(label):
    """Spells a label of this repository so that it resolves from any repository.

    Args:
      label: a label string relative to this repository, e.g. "//rules:defs.bzl".

    Returns:
      "@//rules:defs.bzl" (WORKSPACE main repository), its Bzlmod spelling, or
      "@opened//..." when this repository is an external one.
    """
    s = str(Label(label))
    return s if s.startswith("@") else "@" + s

def _which(rctx, names):
    for name in names:
        path = rctx.which(name)
        if path:
            return path
    return None

def host_go(rctx):
    """Finds the host's modern Go: the GO env var, /usr/local/go, else PATH.

    Args:
      rctx: repository_ctx.

    Returns:
      The path of the go binary.
    """
    env = rctx.os.environ.get("GO", "")
    if env:
        return rctx.path(env)
    default = rctx.path("/usr/local/go/bin/go")
    if default.exists:
        return default
    path = _which(rctx, ["go"])
    if not path:
        fail("no Go toolchain found: set GO=/path/to/go (Go 1.25+) or install it in /usr/local/go")
    return path

def go_env(rctx, go, var):
    res = rctx.execute([go, "env", var])
    if res.return_code:
        fail("%s env %s: %s" % (go, var, res.stderr))
    return res.stdout.strip()

def module_cache_dir(rctx, go):
    """Finds the Go module cache: the GOMODCACHE env var, else `go env GOMODCACHE`.

    Args:
      rctx: repository_ctx.
      go: path of the go binary.

    Returns:
      The module cache directory, as a string.
    """
    env = rctx.os.environ.get("GOMODCACHE", "")
    if env:
        return env
    return go_env(rctx, go, "GOMODCACHE")

def _escape_module_path(path):
    # https://go.dev/ref/mod#module-cache: upper case letters are escaped as !lower.
    out = []
    for c in path.elems():
        if c.isupper():
            out.append("!" + c.lower())
        else:
            out.append(c)
    return "".join(out)

def _go_module_repository_impl(rctx):
    go = host_go(rctx)
    modcache = module_cache_dir(rctx, go)
    src = rctx.path("%s/%s@%s" % (modcache, _escape_module_path(rctx.attr.module), rctx.attr.version))
    if not src.exists:
        fail(("module %s@%s is not in the Go module cache %s; " +
              "run scripts/setup-bazel.sh (it runs `go mod download` for it)") % (
            rctx.attr.module,
            rctx.attr.version,
            modcache,
        ))
    if not rctx.attr.patches:
        for entry in src.readdir():
            rctx.symlink(entry, entry.basename)
        return

    # Patched: copy (the module cache is read-only), then patch -p1.
    res = rctx.execute(["cp", "-R", str(src) + "/.", "."])
    if res.return_code:
        fail("copying %s: %s" % (src, res.stderr))
    rctx.execute(["chmod", "-R", "u+w", "."])
    for patch in rctx.attr.patches:
        res = rctx.execute(["patch", "-p1", "--forward", "--batch", "-i", str(rctx.path(patch))])
        if res.return_code:
            fail("applying %s: %s%s" % (patch, res.stdout, res.stderr))

go_module_repository = repository_rule(
    implementation = _go_module_repository_impl,
    doc = """Links a Go module that already sits in the host's Go module cache.

Used for Bazel rule sets published as Go modules (rules_go, bazel-gazelle),
which the Go module proxy serves with their .bzl and BUILD files.""",
    attrs = {
        "module": attr.string(mandatory = True, doc = "Module path, e.g. github.com/bazelbuild/rules_go."),
        "version": attr.string(mandatory = True, doc = "Exact module version, e.g. v0.34.0."),
        "patches": attr.label_list(doc = "Patches (-p1) applied to a copy of the module."),
    },
    # Not local: a module version in the module cache never changes.
    environ = ["GO", "GOMODCACHE"],
)

def _host_directory_repository_impl(rctx):
    candidates = []
    if rctx.attr.env and rctx.os.environ.get(rctx.attr.env, ""):
        candidates.append(rctx.os.environ[rctx.attr.env])
    candidates.extend(rctx.attr.paths)
    for candidate in candidates:
        path = rctx.path(candidate)
        if path.exists:
            for entry in path.readdir():
                rctx.symlink(entry, entry.basename)
            return
    fail("%s: none of %s exists (set %s to override)" % (rctx.name, candidates, rctx.attr.env))

host_directory_repository = repository_rule(
    implementation = _host_directory_repository_impl,
    doc = "Links a directory installed on the host (e.g. a Debian package of a Bazel rule set).",
    attrs = {
        "paths": attr.string_list(mandatory = True, doc = "Candidate directories, first existing wins."),
        "env": attr.string(doc = "Environment variable that overrides paths (must be one of OPENED_SKYLIB_DIR, OPENED_PLATFORMS_DIR)."),
    },
    environ = ["OPENED_SKYLIB_DIR", "OPENED_PLATFORMS_DIR"],
    local = True,
)

def _go_repository_host_cache_impl(rctx):
    go = host_go(rctx)
    go_root = str(rctx.path(Label("@%s//:ROOT" % rctx.attr.go_sdk_name)).dirname)
    env = {
        "GOROOT": go_root,
        "GOCACHE": str(rctx.path("gocache")),
        "GOPATH": str(rctx.path(".")),
        "GOMODCACHE": module_cache_dir(rctx, go),
        "GOPROXY": "off",
        "GOSUMDB": "off",
        "GOFLAGS": "-mod=mod",
    }
    rctx.file("go.env", "".join(["%s='%s'\n" % (k, env[k]) for k in sorted(env)]))
    rctx.file("BUILD.bazel", 'exports_files(["go.env"])\n')

go_repository_host_cache = repository_rule(
    implementation = _go_repository_host_cache_impl,
    doc = """Replaces bazel-gazelle's go_repository_cache (name it
bazel_gazelle_go_repository_cache): every go_repository reads the host's Go
module cache with GOPROXY=off, without --repo_env lines in a .bazelrc
(what GO_REPOSITORY_USE_HOST_CACHE=1 GOPROXY=off does for gazelle's own rule).""",
    attrs = {"go_sdk_name": attr.string(default = "go_sdk")},
    environ = ["GO", "GOMODCACHE"],
)
