// bb_scheduler: one in-memory queue; platform keys from the REv2 Action.
local common = import 'common.libsonnet';

{
  clientGrpcServers: common.grpcServer(common.schedulerClients),
  workerGrpcServers: common.grpcServer(common.schedulerWorkers),
  contentAddressableStorage: common.blobstore.contentAddressableStorage,
  maximumMessageSizeBytes: common.maximumMessageSizeBytes,
  global: common.diagnostics('scheduler'),
  executeAuthorizer: common.allow,
  modifyDrainsAuthorizer: common.allow,
  killOperationsAuthorizer: common.allow,
  synchronizeAuthorizer: common.allow,
  actionRouter: {
    simple: {
      platformKeyExtractor: { action: {} },
      invocationKeyExtractors: [{ toolInvocationId: {} }],
      initialSizeClassAnalyzer: {
        defaultExecutionTimeout: '600s',
        maximumExecutionTimeout: '1200s',
      },
    },
  },
  platformQueueWithNoWorkersTimeout: '60s',
}
