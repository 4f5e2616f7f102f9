import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../support/host-process';
import { makeTempDir } from '../support/temp-dir';

// The rule file in CI must actually catch each forbidden arrow: a tree with one violation of
// each kind is cruised with the project's own config, and every rule has to fire.
describe('the layering rule (.dependency-cruiser.cjs)', () => {
  const temp = makeTempDir('motcua-layers-');
  afterAll(() => temp.cleanup());
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(temp.dir, file)), { recursive: true });
    writeFileSync(join(temp.dir, file), text);
  };
  for (const f of ['.dependency-cruiser.cjs', 'tsconfig.node.json', 'tsconfig.base.json']) copyFileSync(join(projectRoot, f), join(temp.dir, f));
  // Let the fixture resolve real packages (electron, react) the way the project does.
  spawnSync('ln', ['-s', join(projectRoot, 'node_modules'), join(temp.dir, 'node_modules')]);

  write('src/shared/ok.ts', 'export const ok = 1;\n');
  write('src/shared/uses-node.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n");
  write('src/shared/uses-core.ts', "import { b } from '../main/core/uses-web';\nexport const c = b;\n");
  write('src/main/web/host.ts', "import { ok } from '../../shared/ok';\nexport const h = ok;\n");
  write('src/main/core/uses-web.ts', "import { h } from '../web/host';\nexport const b = h;\n");
  write('src/main/core/uses-electron.ts', "import { app } from 'electron';\nexport const e = app;\n");
  write('src/main/core/uses-react.ts', "import React from 'react';\nexport const r = React;\n");
  write('src/renderer/src/uses-core.ts', "import { b } from '../../main/core/uses-web';\nexport const x = b;\n");
  write('src/preload/uses-main.ts', "import { h } from '../main/web/host';\nexport const p = h;\n");
  write('src/main/cli/uses-electron-host.ts', "import { w } from '../electron/window';\nexport const q = w;\n");
  write('src/main/electron/window.ts', "import { h } from '../web/host';\nexport const w = h;\n");
  write('src/main/core/cycle-a.ts', "import { d } from './cycle-b';\nexport const cA = () => d;\n");
  write('src/main/core/cycle-b.ts', "import { cA } from './cycle-a';\nexport const d = () => cA;\n");
  write('src/main/electron/core-process.ts', "import { app } from 'electron';\nexport const z = app;\n");

  it('fires every rule on a tree that breaks each arrow once', () => {
    const r = spawnSync(join(projectRoot, 'node_modules/.bin/depcruise'), ['src', '--config', '.dependency-cruiser.cjs'], {
      cwd: temp.dir,
      encoding: 'utf8',
    });
    expect(r.status).not.toBe(0);
    const out = r.stdout + r.stderr;
    for (const rule of [
      'shared-has-no-node',
      'shared-has-no-app-or-platform-code',
      'core-never-imports-a-host',
      'renderer-reaches-core-only-through-the-contract',
      'preload-exposes-only-the-contract',
      'web-and-cli-hosts-stay-apart',
      'electron-host-stays-apart',
      'utility-process-never-imports-electron',
      'no-circular',
    ]) {
      expect(out, rule).toContain(rule);
    }
    expect(out).toMatch(/core-never-imports-a-host: src\/main\/core\/uses-electron\.ts → \S*node_modules\/electron/);
    expect(out).toMatch(/core-never-imports-a-host: src\/main\/core\/uses-react\.ts → \S*node_modules\/react/);
  });
});
