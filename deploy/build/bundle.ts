// The second step of `npm run build`: each service's entry point, as swc compiled it into dist/,
// bundled by esbuild into one file, dist/bundles/<service>.bundle.js, started by
// dist/bundles/<service>.js through V8's code cache (code-cache.ts). A process then reads one
// file instead of resolving and compiling about 2,800 modules, which was most of its start-up
// time (README, "5 s restart goal"). Run from the repository root as `node dist/deploy/build/bundle.js`
// after swc (npm runs scripts there).
import { build, type Plugin } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

export const BUNDLED_SERVICES = [
  'tickets',
  'contacts',
  'sla-monitor',
  'notifications',
  'releases',
  'standalone',
  'portal',
] as const;

/**
 * Packages that stay in node_modules and are required at run time: they find files of their own
 * next to their code (swagger-ui-dist's assets, PGlite's wasm and data files), which a bundle
 * would move away from them, or they are ES modules that use `import.meta.url`, which a CommonJS
 * bundle leaves empty (email-reply-parser). OpenTelemetry's SDK and instrumentations are loaded
 * by tracing.js only when tracing is on (the API, small, is bundled: its copies share one global).
 */
const KEPT_IN_NODE_MODULES = [
  'swagger-ui-dist',
  '@electric-sql/pglite',
  'email-reply-parser',
  'htmx.org',
  '@opentelemetry/sdk-node',
  '@opentelemetry/instrumentation-http',
  '@opentelemetry/instrumentation-pg',
  '@opentelemetry/instrumentation-mongodb',
];

/** What esbuild writes for `import.meta` in CommonJS: a package above is missing from the list. */
const EMPTY_IMPORT_META = /\bimport_meta\d* = \{\};/;

const builtins = new Set(builtinModules);
const isBuiltin = (path: string) => path.startsWith('node:') || builtins.has(path.split('/')[0]);

/**
 * Frameworks reach for optional packages with `require` inside a try (Nest's websockets, mqtt,
 * TypeORM health checks, the MongoDB driver's kerberos...). Those that are not installed stay
 * a `require` in the bundle, which fails at run time exactly as it does unbundled.
 */
const optionalPackagesStayRequires: Plugin = {
  name: 'optional-packages-stay-requires',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^[^./]/ }, (args) => {
      if (isBuiltin(args.path)) return undefined;
      if (KEPT_IN_NODE_MODULES.some((name) => args.path === name || args.path.startsWith(`${name}/`)))
        return { external: true };
      try {
        require.resolve(args.path, { paths: [args.resolveDir] });
        return undefined;
      } catch {
        return { external: true };
      }
    });
  },
};

/**
 * `node dist/bundles/<service>.js`: what stack:up, the image, the chart and npm start run. With
 * tracing on (OTEL_*, off by default) it runs swc's unbundled build of the service instead: the
 * instrumentations patch pg and mongodb as `require` loads them, which a bundle never does
 * for what it bundled. Off, the bundle runs as before and nothing of the SDK is loaded. The other
 * ways cost every process: leaving those packages out of the bundle (325 modules compiled without
 * the code cache, 0.4-1.0 s at a load average of 15), or a second, traced bundle per service (the
 * build took 54 s instead of about 20 under load, past the 60 s that tests building it wait).
 */
const launcherOf = (service: string) =>
  [
    `'use strict';`,
    `// Written by deploy/build/bundle.ts: the ${service} service, bundled, through V8's code cache;`,
    `// traced, unbundled (see launcherOf).`,
    `const { join } = require('node:path');`,
    `if (require('./tracing.js').startTracing('${service}'))`,
    `  require(join(__dirname, '..', 'services', '${service}', 'src', 'main.js'));`,
    `else require('./code-cache.js').runWithCodeCache(join(__dirname, '${service}.bundle.js'));`,
    '',
  ].join('\n');

export const bundleServices = async (root: string) => {
  const dist = join(root, 'dist');
  const entryPoints = [
    ...BUNDLED_SERVICES.map((service) => ({
      in: join(dist, 'services', service, 'src', 'main.js'),
      out: `${service}.bundle`,
    })),
    { in: join(dist, 'deploy', 'build', 'code-cache.js'), out: 'code-cache' },
    { in: join(dist, 'libs', 'platform', 'src', 'tracing', 'start-tracing.js'), out: 'tracing' },
    // The standalone store's worker, found next to the code that starts it (`__dirname`).
    {
      in: join(dist, 'libs', 'event-store', 'src', 'postgres', 'pglite-session.worker.js'),
      out: 'pglite-session.worker',
    },
  ];
  rmSync(join(dist, 'bundles'), { recursive: true, force: true });
  const result = await build({
    entryPoints,
    outdir: join(dist, 'bundles'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Nest finds providers and modules by class name: no renaming.
    keepNames: true,
    // No source maps: 20-30 MB each, and the bundle keeps each module's path in a comment.
    logLevel: 'warning',
    plugins: [optionalPackagesStayRequires],
  });
  for (const service of BUNDLED_SERVICES)
    writeFileSync(join(dist, 'bundles', `${service}.js`), launcherOf(service));
  for (const { out } of entryPoints) {
    const file = join(dist, 'bundles', `${out}.js`);
    if (EMPTY_IMPORT_META.test(readFileSync(file, 'utf8')))
      throw new Error(
        `${file} uses import.meta, which is empty in a CommonJS bundle: keep its package in node_modules`,
      );
  }
  return result;
};

if (require.main === module)
  bundleServices(process.cwd()).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
