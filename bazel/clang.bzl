"""Repository rule that makes a hermetic clang toolchain from the host's installed clang.

Like the hermetic LLVM toolchains for Bazel, the toolchain is a set of declared files, so
actions see nothing of the host and action keys change when any of them does; unlike them, it
is made offline from what is installed. The repository holds:

    bin/clang           a static launcher (//bazel/clang_launcher), built with the host Go
    toolchain.json      the layout below, read by the launcher
    libexec/clang-N     the real clang binary
    lib/                the ELF interpreter and every shared library clang loads (from ldd)
    lib/clang/V/include clang's resource (builtin) headers
    sysroot/usr/include the system headers of the packages in `sysroot_packages` (kernel UAPI,
                        libbpf, libc; found with dpkg -L) or, without dpkg, of `sysroot_dirs`,
                        plus an empty gnu/stubs-32.h where glibc lacks it (-target bpf)

Every entry is a symlink to the host file; Bazel hashes and uploads the content. The launcher
runs `lib/<loader> --library-path lib libexec/clang-N -resource-dir ... --sysroot=sysroot`,
so clang runs even where the input root is all there is (a chrooted remote runner: no /lib,
/proc or /dev). The compiler is taken from the CLANG environment variable, else PATH (clang,
then clang-19 ... clang-14). Users may instead register their own `clang_toolchain`.
"""

load(":go_tools.bzl", "go_build", "go_build_env")
load(":host.bzl", "absolute_label", "host_go")

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

def _run(rctx, args):
    res = rctx.execute(args)
    if res.return_code:
        fail("%s: %s%s" % (" ".join([str(a) for a in args]), res.stdout, res.stderr))
    return res.stdout

def _realpath(rctx, path):
    return _run(rctx, ["readlink", "-f", str(path)]).strip()

def _basename(path):
    return path.rstrip("/").split("/")[-1]

def _shared_libraries(rctx, binary):
    """Returns (loader, {soname: path}) of a dynamically linked binary, from ldd."""
    loader = None
    libs = {}
    for line in _run(rctx, ["ldd", binary]).splitlines():
        line = line.strip()
        if " => " in line:
            name, _, rest = line.partition(" => ")
            path = rest.split(" (")[0].strip()
            if not path.startswith("/"):
                fail("ldd %s: %s is not found (%s)" % (binary, name, line))
            libs[name.strip()] = path
        elif line.startswith("/"):
            loader = line.split(" (")[0].strip()
    if not loader:
        fail("ldd %s names no ELF interpreter; is clang dynamically linked for this host?" % binary)
    return loader, libs

def _system_headers(rctx, packages, dirs):
    """Lists the header files (absolute host paths) that go into the sysroot."""
    listed = []
    if packages and rctx.which("dpkg"):
        res = rctx.execute(["dpkg", "-L"] + packages)
        if res.return_code:
            fail("dpkg -L %s: %s (install them, or set sysroot_packages)" % (" ".join(packages), res.stderr))
        listed = [p for p in res.stdout.splitlines() if p.startswith("/usr/include/")]
        if not listed:
            fail("packages %s install no headers under /usr/include" % packages)

        # Regular files only (dpkg also lists directories).
        found = _run(rctx, ["find"] + listed + ["-maxdepth", "0", "(", "-type", "f", "-o", "-type", "l", ")", "-print"])
        return sorted([p for p in found.splitlines() if p])
    existing = [d for d in dirs if rctx.path(d).exists]
    if not existing:
        fail("no system header directories found (looked for %s)" % dirs)
    found = _run(rctx, ["find"] + existing + ["(", "-type", "f", "-o", "-type", "l", ")", "-name", "*.h", "-print"])
    top = _run(rctx, ["find", "/usr/include", "-maxdepth", "1", "(", "-type", "f", "-o", "-type", "l", ")", "-name", "*.h", "-print"])
    return sorted([p for p in (found + top).splitlines() if p])

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

    real = _realpath(rctx, clang)
    resource_dir = _run(rctx, [real, "-print-resource-dir"]).strip()

    # -target bpf compiles against the kernel UAPI headers; on multiarch
    # (Debian) systems <asm/types.h> lives in /usr/include/<triple>.
    res = rctx.execute([real, "-print-multiarch"])
    triple = res.stdout.strip() if res.return_code == 0 else ""

    loader, libs = _shared_libraries(rctx, real)
    rctx.symlink(_realpath(rctx, loader), "lib/" + _basename(loader))
    for name in sorted(libs):
        rctx.symlink(_realpath(rctx, libs[name]), "lib/" + name)
    rctx.symlink(real, "libexec/" + _basename(real))
    resource = "lib/clang/" + _basename(resource_dir)
    rctx.symlink(resource_dir + "/include", resource + "/include")

    dirs = ["/usr/include/" + d for d in rctx.attr.sysroot_dirs]
    if triple:
        dirs += ["/usr/include/%s/%s" % (triple, d) for d in rctx.attr.sysroot_dirs]
    headers = _system_headers(rctx, rctx.attr.sysroot_packages, dirs)
    for h in headers:
        rctx.symlink(h, "sysroot" + h)

    # glibc's <gnu/stubs.h> includes <gnu/stubs-32.h> when __x86_64__ is not
    # defined, as under -target bpf; only 32-bit multilib installs have it.
    # An empty one (as tools/internal/cfront's shim) lets BPF code include
    # <stdint.h>, <string.h> or <netinet/in.h>; it adds nothing to objects.
    stubs = "/usr/include/%s/gnu/" % triple if triple else "/usr/include/gnu/"
    if stubs + "stubs.h" in headers and stubs + "stubs-32.h" not in headers:
        rctx.file("sysroot" + stubs + "stubs-32.h", "", executable = False)

    # -target bpf does not search the multiarch directory, where <asm/types.h>
    # (included by <linux/types.h>) lives on Debian: every compilation gets it,
    # as a /usr path, which the launcher takes inside the sysroot. -idirafter,
    # as the tool itself passes it: searched after the user's -I directories, so
    # a project's own asm/types.h wins, as it does in the project's build.
    cflags = []
    if triple and [h for h in headers if h.startswith("/usr/include/%s/" % triple)]:
        cflags.append("-idirafter/usr/include/" + triple)

    rctx.file("toolchain.json", json.encode({
        "clang": "libexec/" + _basename(real),
        "loader": "lib/" + _basename(loader),
        "library_path": ["lib"],
        "resource_dir": resource,
        "sysroot": "sysroot",
        # DWARF/BTF name headers as on the host the toolchain was made from,
        # wherever the toolchain is unpacked (sandbox, remote input root).
        "debug_prefix_map": [["sysroot", ""], [resource, resource_dir]],
    }) + "\n")

    # The launcher: static (no cgo), so it runs where nothing else exists.
    go = host_go(rctx)
    root = rctx.path(Label("//:go.mod")).dirname
    rctx.path(Label("//bazel/clang_launcher:main.go"))
    rctx.path(Label("//bazel/clang_launcher:doc.go"))
    go_build(rctx, go, go_build_env(rctx, go, cgo = False), root, str(rctx.path("bin/clang")), ["./bazel/clang_launcher"])

    rctx.file("BUILD.bazel", """\
load("{defs}", "clang_toolchain")

package(default_visibility = ["//visibility:public"])

exports_files(["bin/clang"])

# Made from: {found} -> {real}
# {first}
# Loader {loader}, {nlibs} shared libraries, resource dir {resource_dir},
# {nheaders} system headers (packages {packages}).
filegroup(
    name = "files",
    srcs = ["toolchain.json"] + glob(["lib/**", "libexec/**", "sysroot/**"]),
)

clang_toolchain(
    name = "clang",
    clang = "bin/clang",
    files = [":files"],
    version = "{version}",
    cflags = {cflags},
)
""".format(
        defs = absolute_label("//rules:defs.bzl"),
        found = clang,
        real = real,
        first = first,
        loader = loader,
        nlibs = len(libs),
        resource_dir = resource_dir,
        nheaders = len(headers),
        packages = ", ".join(rctx.attr.sysroot_packages),
        version = version,
        cflags = repr(cflags),
    ))

clang_host_repository = repository_rule(
    implementation = _clang_host_repository_impl,
    doc = "Makes a hermetic clang_toolchain from the host clang (CLANG env var or PATH), its libraries and the system headers.",
    attrs = {
        "sysroot_packages": attr.string_list(
            default = ["linux-libc-dev", "libbpf-dev", "libc6-dev"],
            doc = "Debian packages whose /usr/include headers make up the sysroot (kernel UAPI, libbpf, libc).",
        ),
        "sysroot_dirs": attr.string_list(
            default = ["linux", "asm", "asm-generic", "bpf", "bits", "gnu", "sys", "net", "netinet", "netpacket", "arpa"],
            doc = "Without dpkg: directories below /usr/include (and /usr/include/<multiarch>) whose headers, with the *.h directly in /usr/include, make up the sysroot.",
        ),
    },
    environ = ["CLANG", "PATH", "GO", "GOCACHE", "HOME"],
    local = True,
)
