"""The transform action: one `opened transform --config` run, reusable by any rule."""

TRANSFORM_OUTPUTS = ["functions.json", "maps.json", "warnings.json", "mcu.c", "mcu.o", "changes.json"]

def emit_transform(
        actions,
        *,
        name,
        label,
        unit,
        to,
        chained,
        clang,
        opened):
    """Declares the outputs of the port `name` of `unit` and the action that writes them.

    Args:
      actions: ctx.actions.
      name: port name; outputs go to <package>/<name>/.
      label: the owning target's label (for messages).
      unit: EbpfUnitInfo of the unit to port.
      to: string, tc-ingress, tc-egress or xdp.
      chained: bool, XDP_PASS becomes "next program" instead of TC_ACT_OK.
      clang: ClangToolchainInfo.
      opened: OpenedToolchainInfo.

    Returns:
      A struct with the output Files (functions, maps, warnings, mcu_c, mcu_o, changes),
      `files` (list, in TRANSFORM_OUTPUTS order) and `dir` (exec path).
    """
    outs = [actions.declare_file("%s/%s" % (name, f)) for f in TRANSFORM_OUTPUTS]
    config = actions.declare_file("%s.transform.json" % name)

    # A unit that keeps repository include directories (functions.json include_dirs) compiles
    # only with the repository's headers, so the sources it was extracted from are inputs; the
    # tool lists them all unused when the unit keeps none (docs/bazel.md).
    unused = actions.declare_file("%s.transform.unused_inputs" % name)
    actions.write(
        output = config,
        content = json.encode({
            "unit": unit.mcu_o.dirname,
            "to": to,
            "chained": chained,
            "clang": clang.clang.path,
            "cflags": clang.cflags,
            "inputs": [f.path for f in unit.srcs.to_list()],
            "unused_inputs": unused.path,
        }),
    )
    actions.run(
        executable = opened.opened,
        arguments = ["transform", "--config", config.path, "--out", outs[0].dirname, "--quiet"],
        inputs = depset([config], transitive = [unit.files, unit.srcs, clang.files]),
        tools = opened.files,
        outputs = outs + [unused],
        unused_inputs_list = unused,
        mnemonic = "EbpfTransform",
        progress_message = "Porting eBPF unit %s to %s" % (label, to),
        # A pure function of its inputs: no host environment, no network.
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
        changes = outs[5],
        files = outs,
        dir = outs[0].dirname,
    )
