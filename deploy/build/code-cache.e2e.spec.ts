import { buildWorkspace, spawnService } from '@helpdesk/testing';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeCacheFileOf, runWithCodeCache } from './code-cache';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('running a bundle through the V8 code cache', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'code-cache-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const writeBundle = (name: string, body: string) => {
    const file = join(dir, name);
    writeFileSync(file, body);
    return file;
  };

  it('runs the file as CommonJS (its module, require, __filename, __dirname), then reads the cache it saved', async () => {
    const bundle = writeBundle(
      'sample.bundle.js',
      `const { basename } = require('node:path');
       module.exports.seen = { file: basename(__filename), dir: __dirname, exportsIsModuleExports: exports === module.exports };`,
    );
    const cacheFile = codeCacheFileOf(bundle, join(dir, 'cache'));
    const exports = { seen: { file: 'sample.bundle.js', dir, exportsIsModuleExports: true } };
    expect(runWithCodeCache(bundle, cacheFile, 0)).toEqual({ cacheUsed: false, cacheFile, exports });
    await sleep(50); // the save runs on a timer
    expect(runWithCodeCache(bundle, cacheFile, 0)).toEqual({ cacheUsed: true, cacheFile, exports });
  });

  it('keys the cache by the build: a rebuilt bundle gets a new file, and the old one goes', async () => {
    const bundle = writeBundle('rebuilt.bundle.js', 'module.exports = 1;');
    const cacheDir = join(dir, 'rebuilt');
    const first = codeCacheFileOf(bundle, cacheDir);
    runWithCodeCache(bundle, first, 0);
    await sleep(50);
    writeBundle('rebuilt.bundle.js', 'module.exports = 22;');
    utimesSync(bundle, new Date(), new Date(Date.now() + 5000));
    const second = codeCacheFileOf(bundle, cacheDir);
    expect(second).not.toBe(first);
    expect(runWithCodeCache(bundle, second, 0).cacheUsed).toBe(false);
    await sleep(50);
    expect(readdirSync(cacheDir)).toEqual([second.slice(cacheDir.length + 1)]);
  });

  it('is how every service runs: each bundle starts and checks its settings (exit 78 without them)', async () => {
    buildWorkspace();
    for (const service of ['tickets', 'contacts', 'sla-monitor', 'notifications', 'releases']) {
      const child = spawnService(`bundles/${service}.js`, {});
      const exit = await child.exited;
      const lines = child.stdout.map((line) => JSON.parse(line));
      expect({ service, exit, logged: lines[0]?.service }).toEqual({ service, exit: 78, logged: service });
    }
  }, 180000);
});
