// bb_storage holding the CAS and the action cache in local block files.
local common = import 'common.libsonnet';

// A local (block-based) store; `blockSize` bounds the largest blob it can hold.
// The largest blobs here are the hermetic clang toolchain's shared libraries
// (libLLVM: about 105 MB) and the `opened` tool (about 12 MB), so blocks are
// 512 MiB. The files are sparse: disk use grows with what is stored.
local localStore(dir, blocks, blockSize) = {
  'local': {
    keyLocationMapOnBlockDevice: {
      file: { path: common.state + '/' + dir + '/key_location_map', sizeBytes: 16 * 1024 * 1024 },
    },
    keyLocationMapMaximumGetAttempts: 16,
    keyLocationMapMaximumPutAttempts: 64,
    oldBlocks: blocks.old,
    currentBlocks: blocks.current,
    newBlocks: blocks.new,
    blocksOnBlockDevice: {
      source: {
        file: {
          path: common.state + '/' + dir + '/blocks',
          sizeBytes: (blocks.old + blocks.current + blocks.new + blocks.spare) * blockSize,
        },
      },
      spareBlocks: blocks.spare,
    },
  },
};

{
  grpcServers: common.grpcServer(common.storage),
  maximumMessageSizeBytes: common.maximumMessageSizeBytes,
  global: common.diagnostics('storage'),
  contentAddressableStorage: {
    backend: localStore('cas', { old: 2, current: 4, new: 1, spare: 1 }, 512 * 1024 * 1024),
    getAuthorizer: common.allow,
    putAuthorizer: common.allow,
    findMissingAuthorizer: common.allow,
  },
  actionCache: {
    backend: localStore('ac', { old: 2, current: 4, new: 1, spare: 1 }, 4 * 1024 * 1024),
    getAuthorizer: common.allow,
    putAuthorizer: common.allow,
  },
}
