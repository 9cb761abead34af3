// bb_storage as the frontend Bazel talks to: CAS and AC forwarded to the
// storage process, Execute forwarded to the scheduler.
local common = import 'common.libsonnet';

{
  grpcServers: common.grpcServer(common.frontend),
  maximumMessageSizeBytes: common.maximumMessageSizeBytes,
  global: common.diagnostics('frontend'),
  schedulers: {
    '': { endpoint: { address: common.schedulerClients } },
  },
  contentAddressableStorage: {
    backend: common.blobstore.contentAddressableStorage,
    getAuthorizer: common.allow,
    putAuthorizer: common.allow,
    findMissingAuthorizer: common.allow,
  },
  actionCache: {
    backend: common.blobstore.actionCache,
    getAuthorizer: common.allow,
    putAuthorizer: common.allow,
  },
  executeAuthorizer: common.allow,
}
