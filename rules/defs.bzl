"""Public API of the OPENED Bazel rules. Load everything from here only.

    load("@opened//rules:defs.bzl", "ebpf_extract", "ebpf_verify_test")

Implementation lives in //rules/private (rule definitions in private/rules,
reusable action functions in private/actions, like rules_go).
"""

load("//rules/private:providers.bzl", _EbpfPipelineInfo = "EbpfPipelineInfo", _EbpfTransformInfo = "EbpfTransformInfo", _EbpfUnitInfo = "EbpfUnitInfo")
load("//rules/private:toolchains.bzl", _clang_toolchain = "clang_toolchain", _opened_toolchain = "opened_toolchain")
load("//rules/private/rules:difftest_test.bzl", _ebpf_difftest = "ebpf_difftest")
load("//rules/private/rules:extract.bzl", _ebpf_extract = "ebpf_extract")
load("//rules/private/rules:pipeline.bzl", _ebpf_pipeline = "ebpf_pipeline", _ebpf_pipeline_load = "ebpf_pipeline_load", _ebpf_pipeline_test = "ebpf_pipeline_test")
load("//rules/private/rules:transform.bzl", _ebpf_transform = "ebpf_transform")
load("//rules/private/rules:verify_test.bzl", _ebpf_verify_test = "ebpf_verify_test")

ebpf_extract = _ebpf_extract
ebpf_verify_test = _ebpf_verify_test
ebpf_difftest = _ebpf_difftest
ebpf_transform = _ebpf_transform
EbpfTransformInfo = _EbpfTransformInfo
EbpfUnitInfo = _EbpfUnitInfo
ebpf_pipeline = _ebpf_pipeline
ebpf_pipeline_load = _ebpf_pipeline_load
ebpf_pipeline_test = _ebpf_pipeline_test
EbpfPipelineInfo = _EbpfPipelineInfo
clang_toolchain = _clang_toolchain
opened_toolchain = _opened_toolchain
