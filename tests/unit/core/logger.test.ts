import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRotatingLogger } from '../../../src/main/core/logging/logger';
import { makeTempDir } from '../../support/temp-dir';

describe('rotating log', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (temp = makeTempDir()));
  afterEach(() => temp.cleanup());

  it('writes JSON lines with the time and level', () => {
    const log = createRotatingLogger({ dir: temp.dir, name: 'web', now: () => new Date('2026-11-22T01:02:03Z') });
    log.info('started', { port: 5190 });
    const [line] = readFileSync(join(temp.dir, 'web.log'), 'utf8').trim().split('\n');
    expect(JSON.parse(line!)).toEqual({ t: '2026-11-22T01:02:03.000Z', level: 'info', message: 'started', port: 5190 });
  });

  it('rotates by size and keeps only the configured number of old files', () => {
    const log = createRotatingLogger({ dir: temp.dir, name: 'main', maxBytes: 200, keep: 3 });
    for (let i = 0; i < 60; i++) log.warn('a line long enough to fill the file quickly', { i });
    expect(readdirSync(temp.dir).sort()).toEqual(['main.log', 'main.log.1', 'main.log.2', 'main.log.3']);
    // Newest lines are in main.log, older in .1; nothing beyond .3 survives.
    const newest = readFileSync(join(temp.dir, 'main.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).i as number);
    const older = readFileSync(join(temp.dir, 'main.log.1'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).i as number);
    expect(newest.at(-1)).toBe(59);
    expect(Math.max(...older)).toBeLessThan(Math.min(...newest));
    expect(existsSync(join(temp.dir, 'main.log.4'))).toBe(false);
  });
});
