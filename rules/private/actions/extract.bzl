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
        opened):
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

    Returns:
      A struct with the five output Files (functions, maps, warnings, mcu_c,
      mcu_o), `files` (list, in EXTRACT_OUTPUTS order) and `dir` (exec path).
    """
    outs = [actions.declare_file("%s/%s" % (name, f)) for f in EXTRACT_OUTPUTS]
    out_dir = outs[0].dirname

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
            "clang": clang.clang.path,
            # The symbol index lives in memory for the action's lifetime: no
            # state outside the declared inputs and outputs (no ~/.cache, no /tmp).
            "db": ":memory:",
        }),
    )

    actions.run(
        executable = opened.opened,
        arguments = ["extract", "--config", config.path, "--out", out_dir],
        inputs = depset([config], transitive = [srcs, clang.files]),
        tools = opened.files,
        outputs = outs,
        mnemonic = "EbpfExtract",
        progress_message = "Extracting eBPF unit %s (entry %s)" % (label, entry),
        # Nothing from the host environment: the action is a pure function of
        # its inputs (config, sources, clang, opened), so it can be cached
        # remotely and executed anywhere that has the same clang.
        env = {},
        use_default_shell_env = False,
        # The sandbox gives the action no network at all.
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
