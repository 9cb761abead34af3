"""Repository rule that finds the host clang and exposes it as a toolchain.

The compiler is taken from the CLANG environment variable, else from PATH
(clang, then clang-14 ... clang-19). Its version is recorded in the generated
BUILD file (and so in the toolchain), and a change of CLANG re-runs the rule.
Users may instead register their own `clang_toolchain` (see //rules:defs.bzl).
"""

load(":host.bzl", "absolute_label")

_NAMES = ["clang"] + ["clang-%d" % v for v in range(19, 13, -1)]

def _find_clang(rctx):
    env = rctx.os.environ.get("CLANG", "")
    if env:
        path = rctx.path(env) if env.startswith("/") else rctx.which(env)
        if not path or not path.exists:
            fail("CLANG=%s does not exist" % env)
        return path
    for name in _NAMES:
        path = rctx.which(name)
        if path:
            return path
    fail("no clang found in PATH (tried %s); install clang or set CLANG" % ", ".join(_NAMES))

def _clang_host_repository_impl(rctx):
    clang = _find_clang(rctx)
    res = rctx.execute([clang, "--version"])
    if res.return_code:
        fail("%s --version: %s" % (clang, res.stderr))
    first = res.stdout.splitlines()[0] if res.stdout else ""
    version = ""
    words = first.split(" ")
    for i, w in enumerate(words):
        if w == "version" and i + 1 < len(words):
            version = words[i + 1]
            break
    if not version:
        fail("cannot parse the version of %s from %r" % (clang, first))

    # -target bpf compiles against the host's kernel UAPI headers; on
    # multiarch (Debian) systems <asm/types.h> lives in /usr/include/<triple>.
    cflags = []
    res = rctx.execute([clang, "-print-multiarch"])
    triple = res.stdout.strip() if res.return_code == 0 else ""
    if triple and rctx.path("/usr/include/" + triple).exists:
        cflags.append("-I/usr/include/" + triple)

    # Link the real binary: clang finds its resource directory from its own
    # location (/proc/self/exe), so a symlink keeps builtin headers working.
    res = rctx.execute(["readlink", "-f", str(clang)])
    real = res.stdout.strip() if res.return_code == 0 and res.stdout.strip() else str(clang)
    rctx.symlink(real, "bin/clang")

    rctx.file("BUILD.bazel", """\
load("{defs}", "clang_toolchain")

package(default_visibility = ["//visibility:public"])

exports_files(["bin/clang"])

# Found: {found} -> {real}
# {first}
clang_toolchain(
    name = "clang",
    clang = "bin/clang",
    version = "{version}",
    cflags = {cflags},
)
""".format(
        defs = absolute_label("//rules:defs.bzl"),
        found = clang,
        real = real,
        first = first,
        version = version,
        cflags = repr(cflags),
    ))

clang_host_repository = repository_rule(
    implementation = _clang_host_repository_impl,
    doc = "Finds the host clang (CLANG env var or PATH) and defines a clang_toolchain for it.",
    environ = ["CLANG", "PATH"],
    local = True,
)
