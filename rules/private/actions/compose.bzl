"""The compose action: one `opened compose --config` run, reusable by any rule."""

def emit_compose(
        actions,
        *,
        name,
        label,
        units,
        hooks,
        mode,
        segment_modes,
        tc_hook,
        counters,
        clang,
        opened):
    """Declares the pipeline directory `name` and the action that writes it.

    Args:
      actions: ctx.actions.
      name: pipeline name; the directory is <package>/<name>.pipeline.
      label: the owning target's label (for messages).
      units: list of EbpfUnitInfo in packet order.
      hooks: list of string, the hook of each unit ([] to take each unit's own).
      mode: default mode.
      segment_modes: dict hook -> mode.
      tc_hook: "tc-ingress" or "tc-egress": where TC stages run.
      counters: bool, count each stage's verdicts.
      clang: ClangToolchainInfo.
      opened: OpenedToolchainInfo.

    Returns:
      A struct with `dir` (the directory, a tree artifact) and `config`.
    """
    out = actions.declare_directory(name + ".pipeline")
    config = actions.declare_file(name + ".compose.json")

    # Units that keep repository include directories (functions.json include_dirs) compile
    # only with the repositories' headers, so the sources they were extracted from are inputs;
    # the tool lists them all unused when no unit keeps any (docs/bazel.md).
    unused = actions.declare_file(name + ".compose.unused_inputs")
    srcs = depset(transitive = [u.srcs for u in units])
    actions.write(
        output = config,
        content = json.encode({
            "name": name,
            "mode": mode,
            "segment_modes": segment_modes,
            "tc_hook": tc_hook,
            "counters": counters,
            "clang": clang.clang.path,
            "cflags": clang.cflags,
            "spec": str(label),
            "stages": [
                {"name": u.name, "dir": u.dir, "hook": hooks[i] if hooks else ""}
                for i, u in enumerate(units)
            ],
            "inputs": [f.path for f in srcs.to_list()],
            "unused_inputs": unused.path,
        }),
    )
    actions.run(
        executable = opened.opened,
        arguments = ["compose", "--config", config.path, "--out", out.path],
        inputs = depset([config], transitive = [u.files for u in units] + [srcs, clang.files]),
        tools = opened.files,
        outputs = [out, unused],
        unused_inputs_list = unused,
        mnemonic = "EbpfCompose",
        progress_message = "Composing eBPF pipeline %s (%s)" % (label, mode),
        # Scratch files (clang's output, a compile directory) go below the
        # package's output directory, never the host's /tmp: a runner
        # chrooted into the input root has no /tmp (tests/remote).
        env = {"TMPDIR": config.dirname},
        use_default_shell_env = False,
        execution_requirements = {"block-network": ""},
    )
    return struct(dir = out, config = config)
