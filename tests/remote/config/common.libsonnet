// Shared settings of OPENED's local Buildbarn test cluster (tests/remote/buildbarn.sh).
// Everything listens on 127.0.0.1; ports and the state directory come from the
// environment (bb_* binaries expose environment variables as jsonnet extVars).
local addr(name) = '127.0.0.1:' + std.extVar(name);
{
  state: std.extVar('BB_STATE'),
  storage: addr('BB_STORAGE_PORT'),
  frontend: addr('BB_FRONTEND_PORT'),
  schedulerClients: addr('BB_SCHEDULER_CLIENT_PORT'),
  schedulerWorkers: addr('BB_SCHEDULER_WORKER_PORT'),
  // Diagnostics (Prometheus, pprof) of process `name`, e.g. for `curl .../metrics`.
  diagnostics(name): {
    diagnosticsHttpServer: {
      httpServers: [{
        listenAddresses: [addr('BB_%s_HTTP_PORT' % std.asciiUpper(name))],
        authenticationPolicy: { allow: {} },
      }],
      enablePrometheus: true,
    },
  },
  grpcServer(address): [{
    listenAddresses: [address],
    authenticationPolicy: { allow: {} },
  }],
  // Bazel streams large blobs through ByteStream in chunks; the message limit
  // only bounds batch calls. 16 MiB is more than Bazel ever batches.
  maximumMessageSizeBytes: 16 * 1024 * 1024,
  // The CAS and AC as the worker and scheduler see them: the storage process.
  blobstore: {
    contentAddressableStorage: { grpc: { client: { address: $.storage } } },
    actionCache: { grpc: { client: { address: $.storage } } },
  },
  allow: { allow: {} },
}
