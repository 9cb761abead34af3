// bb_runner: runs each action in the worker's build directory. With
// BB_RUNNER_KIND=chroot it chroots into the action's input root, so the action
// sees only its declared inputs: no /usr, /bin, /lib, /proc, /dev or /tmp.
local common = import 'common.libsonnet';

{
  buildDirectoryPath: common.state + '/worker/build',
  global: common.diagnostics('runner'),
  grpcServers: [{
    listenPaths: [common.state + '/worker/runner'],
    authenticationPolicy: { allow: {} },
  }],
  chrootIntoInputRoot: std.extVar('BB_RUNNER_KIND') == 'chroot',
}
