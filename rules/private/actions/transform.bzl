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
    actions.write(
        output = config,
        content = json.encode({
            "unit": unit.mcu_o.dirname,
            "to": to,
            "chained": chained,
            "clang": clang.clang.path,
            "cflags": clang.cflags,
        }),
    )
    actions.run(
        executable = opened.opened,
        arguments = ["transform", "--config", config.path, "--out", outs[0].dirname, "--quiet"],
        inputs = depset([config], transitive = [unit.files, clang.files]),
        tools = opened.files,
        outputs = outs,
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
