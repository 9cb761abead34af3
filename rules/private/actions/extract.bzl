"""The extract action: one `opened extract --config` run, reusable by any rule."""

EXTRACT_OUTPUTS = ["functions.json", "maps.json", "warnings.json", "mcu.c", "mcu.o"]

def repo_root(label):
    """Returns the repository root of a source label, relative to the execroot.

    Convention: the package directory of the label (for a label in an
    external repository, below external/<repo>/).
    """
    parts = [p for p in [label.workspace_root, label.package] if p]
    return "/".join(parts) if parts else "."

def emit_extract(
        actions,
        *,
        name,
        label,
        srcs,
        repo,
        entry,
        cflags,
        defines,
        prefer,
        clang,
        opened,
        inner_maps = {}):
    """Declares the five MCU outputs of `name` and the action that writes them.

    Args:
      actions: ctx.actions.
      name: unit name; outputs go to <package>/<name>/.
      label: the owning target's label (for messages).
      srcs: depset of File, all C sources and headers of the repository.
      repo: string, repository root relative to the execroot.
      entry: string, FUNCTION or FILE:LINE.
      cflags: list of string, compiler flags (clang toolchain flags first).
      defines: list of string, NAME or NAME=VALUE (without -D).
      prefer: list of string, files (relative to repo) that win duplicate definitions.
      clang: ClangToolchainInfo.
      opened: OpenedToolchainInfo.
      inner_maps: dict of string, outer map name -> TYPE:KEY_SIZE:VALUE_SIZE[:MAX_ENTRIES].

    Returns:
      A struct with the five output Files (functions, maps, warnings, mcu_c,
      mcu_o), `files` (list, in EXTRACT_OUTPUTS order) and `dir` (exec path).
    """
    outs = [actions.declare_file("%s/%s" % (name, f)) for f in EXTRACT_OUTPUTS]
    out_dir = outs[0].dirname

    # Per-function incrementality (docs/bazel.md): EbpfExtract writes the unit to a private
    # directory and lists the inputs it did not use (unused_inputs_list), so editing them
    # does not re-run it; EbpfExtractCheck, which has every input, copies that unit to the
    # declared outputs when those files still cannot change it, and extracts again otherwise.
    pre = [actions.declare_file("_%s.extract/%s" % (name, f)) for f in EXTRACT_OUTPUTS]
    unused = actions.declare_file("_%s.extract/unused_inputs" % name)
    deps = actions.declare_file("_%s.extract/deps.json" % name)

    config = actions.declare_file("%s.extract.json" % name)
    actions.write(
        output = config,
        content = json.encode({
            "name": name,
            "repo": repo,
            "entry": entry,
            "cflags": cflags,
            "defines": defines,
            "prefer": prefer,
            "inner_maps": inner_maps,
            "clang": clang.clang.path,
            # The symbol index lives in memory for the action's lifetime: no
            # state outside the declared inputs and outputs (no ~/.cache, no /tmp).
            "db": ":memory:",
            "unused_inputs": unused.path,
            "deps": deps.path,
            "inputs": [f.path for f in srcs.to_list()],
        }),
    )

    actions.run(
        executable = opened.opened,
        arguments = ["extract", "--config", config.path, "--out", pre[0].dirname],
        inputs = depset([config], transitive = [srcs, clang.files]),
        tools = opened.files,
        outputs = pre + [unused, deps],
        unused_inputs_list = unused,
        mnemonic = "EbpfExtract",
        progress_message = "Extracting eBPF unit %s (entry %s)" % (label, entry),
        # Nothing from the host environment: the action is a pure function of
        # its inputs (config, sources, clang, opened), so it can be cached
        # remotely and executed anywhere that has the same clang.
        # Scratch files (clang's output, a compile directory) go below the
        # package's output directory, never the host's /tmp: a runner
        # chrooted into the input root has no /tmp (tests/remote).
        env = {"TMPDIR": config.dirname},
        use_default_shell_env = False,
        # The sandbox gives the action no network at all.
        execution_requirements = {"block-network": ""},
    )
    actions.run(
        executable = opened.opened,
        arguments = ["extract", "--config", config.path, "--out", out_dir, "--reuse", pre[0].dirname],
        inputs = depset([config, deps] + pre, transitive = [srcs, clang.files]),
        tools = opened.files,
        outputs = outs,
        mnemonic = "EbpfExtractCheck",
        progress_message = "Checking eBPF unit %s against unused inputs" % label,
        # Scratch files (clang's output, a compile directory) go below the
        # package's output directory, never the host's /tmp: a runner
        # chrooted into the input root has no /tmp (tests/remote).
        env = {"TMPDIR": config.dirname},
        use_default_shell_env = False,
        execution_requirements = {"block-network": ""},
    )
    return struct(
        functions = outs[0],
        maps = outs[1],
        warnings = outs[2],
        mcu_c = outs[3],
        mcu_o = outs[4],
        files = outs,
        dir = out_dir,
    )
