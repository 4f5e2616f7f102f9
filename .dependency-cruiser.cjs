// The arrows of ARCHITECTURE.md, enforced in CI (`npm run depcheck`, part of `npm test`):
// renderer → shared; preload → shared; main/electron, main/web, main/cli → main/core → shared.
const rule = (name, comment, from, to) => ({ name, comment, severity: 'error', from, to });

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    rule('shared-has-no-node', 'src/shared runs in every process, the renderer included: no Node built-ins.',
      { path: '^src/shared/' }, { dependencyTypes: ['core'] }),
    rule('shared-has-no-app-or-platform-code', 'src/shared depends on nothing of ours outside it, nor on a runtime.',
      { path: '^src/shared/' },
      { path: '^src/(main|renderer|preload)/|node_modules/(electron|react|react-dom|better-sqlite3|drizzle-orm)/' }),
    rule('core-never-imports-a-host', 'The engine is plain Node: no electron, no React, no host, no UI.',
      { path: '^src/main/core/' },
      { path: '^src/main/(electron|web|cli)/|^src/main/index\\.ts$|^src/(renderer|preload)/|node_modules/(electron|electron-updater|react|react-dom)/' }),
    rule('renderer-reaches-core-only-through-the-contract', 'The UI talks to the core over the API contract only.',
      { path: '^src/renderer/' },
      { path: '^src/(main|preload)/|node_modules/(electron|better-sqlite3|drizzle-orm)/' }),
    rule('renderer-has-no-node', 'The renderer is a web page.', { path: '^src/renderer/' }, { dependencyTypes: ['core'] }),
    rule('preload-exposes-only-the-contract', 'The preload knows the contract and Electron, nothing else of ours.',
      { path: '^src/preload/' }, { path: '^src/(main|renderer)/' }),
    rule('web-and-cli-hosts-stay-apart', 'Browser mode and the CLI carry the core; they need no Electron.',
      { path: '^src/main/(web|cli)/' },
      { path: '^src/main/electron/|^src/main/index\\.ts$|^src/renderer/|node_modules/(electron|electron-updater)/' }),
    rule('electron-host-stays-apart', 'The Electron host does not reach into the other hosts or the UI.',
      { path: '^src/main/(electron/|index\\.ts$)' }, { path: '^src/(main/web|main/cli|renderer)/' }),
    rule('utility-process-never-imports-electron', 'The core process is Node; loading electron there is for nothing.',
      { path: '^src/main/electron/core-process' }, { path: 'node_modules/(electron|electron-updater)/' }),
    rule('no-circular', 'Cycles make the layers meaningless.', {}, { circular: true }),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    exclude: { path: '^(out|dist)/' },
  },
};
