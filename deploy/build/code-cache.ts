// Runs a service's bundle as Node would run a CommonJS file, but compiled through V8's code cache:
// the first process of a bundle saves what V8 compiled while it started, and the next one (a
// replacement after kill -9, another replica on the same host, a restarted container with its
// /tmp kept) reads it back instead of parsing and compiling the 12-18 MB file again. Node 20 has
// no module.enableCompileCache, hence this (the technique of the v8-compile-cache package).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { constants, Script } from 'node:vm';

/** Long enough for start-up (Nest, the adapters) to have run, so its functions are in the cache. */
const SAVE_AFTER_MS = 10000;

/** One file per bundle, Node version and build: V8 would refuse another's cache anyway. */
export const codeCacheFileOf = (bundle: string, dir = join(tmpdir(), 'helpdesk-code-cache')) => {
  const { size, mtimeMs } = statSync(bundle);
  const key = createHash('sha256')
    .update(`${bundle}\0${size}\0${mtimeMs}\0${process.version}\0${process.arch}`)
    .digest('hex')
    .slice(0, 16);
  return join(dir, `${basename(bundle, '.js')}-${key}.bin`);
};

const readIfThere = (file: string) => {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
};

/**
 * Written aside and renamed: a process killed mid-write, or two replicas at once, leave no torn
 * file. The caches of the same bundle's earlier builds go: nothing would read them again.
 */
const save = (file: string, data: Buffer) => {
  try {
    const dir = dirname(file);
    mkdirSync(dir, { recursive: true });
    const aside = `${file}.${process.pid}.tmp`;
    writeFileSync(aside, data);
    renameSync(aside, file);
    const bundle = basename(file).replace(/-[0-9a-f]+\.bin$/, '');
    for (const old of readdirSync(dir))
      if (old !== basename(file) && old.startsWith(`${bundle}-`) && old.endsWith('.bin'))
        rmSync(join(dir, old), { force: true });
  } catch {
    // A read-only or full /tmp costs the next start its speed, nothing else.
  }
};

export interface CodeCacheRun {
  /** Whether V8 took the saved cache (false: none was there, or it was refused and is replaced). */
  cacheUsed: boolean;
  cacheFile: string;
  /** What the bundle exported (a service's main exports nothing). */
  exports: unknown;
}

/** Loads `bundle` as the program's code (its own `module`, `require`, `__dirname`) with the cache. */
export const runWithCodeCache = (
  bundle: string,
  cacheFile = codeCacheFileOf(bundle),
  saveAfterMs = SAVE_AFTER_MS,
): CodeCacheRun => {
  const source = readFileSync(bundle, 'utf8');
  const cachedData = readIfThere(cacheFile);
  // Node's own CommonJS wrapper, on the first line so that line numbers stay the bundle's.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    cachedData,
    // `import()` inside the bundle (kafkajs, Nest load ES modules with it) as Node does it.
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const cacheUsed = cachedData !== undefined && !script.cachedDataRejected;
  if (!cacheUsed) setTimeout(() => save(cacheFile, script.createCachedData()), saveAfterMs).unref();
  const bundleModule = new Module(bundle, require.main ?? undefined);
  bundleModule.filename = bundle;
  bundleModule.paths = createRequire(bundle).resolve.paths('x') ?? [];
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(
    bundleModule.exports,
    bundleModule.exports,
    createRequire(bundle),
    bundleModule,
    bundle,
    dirname(bundle),
  );
  bundleModule.loaded = true;
  return { cacheUsed, cacheFile, exports: bundleModule.exports };
};
