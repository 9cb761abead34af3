// bb_worker: a native build directory (inputs hard-linked from a local cache)
// and one runner reached over a UNIX socket.
local common = import 'common.libsonnet';

{
  blobstore: common.blobstore,
  maximumMessageSizeBytes: common.maximumMessageSizeBytes,
  scheduler: { address: common.schedulerWorkers },
  global: common.diagnostics('worker'),
  buildDirectories: [{
    native: {
      buildDirectoryPath: common.state + '/worker/build',
      cacheDirectoryPath: common.state + '/worker/cache',
      maximumCacheFileCount: 100000,
      maximumCacheSizeBytes: 4 * 1024 * 1024 * 1024,
      cacheReplacementPolicy: 'LEAST_RECENTLY_USED',
    },
    runners: [{
      endpoint: { address: 'unix:' + common.state + '/worker/runner' },
      concurrency: std.parseInt(std.extVar('BB_CONCURRENCY')),
      maximumFilePoolFileCount: 100000,
      maximumFilePoolSizeBytes: 1024 * 1024 * 1024,
      // Empty: Bazel sends no platform properties unless told to
      // (--remote_default_exec_properties, exec_properties).
      platform: {},
      workerId: { host: 'localhost', runner: std.extVar('BB_RUNNER_KIND') },
      // A chrooted action finds /dev/null (Go's os/exec opens it for a
      // child's unset stdin) and nothing else of the host's /dev.
      inputRootCharacterDeviceNodes: if std.extVar('BB_RUNNER_KIND') == 'chroot' then ['null'] else [],
    }],
  }],
  filePool: { blockDevice: { file: { path: common.state + '/worker/filepool', sizeBytes: 1024 * 1024 * 1024 } } },
  inputDownloadConcurrency: 16,
  outputUploadConcurrency: 16,
}
