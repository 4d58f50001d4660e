// ESLint flat config (run as `npm run lint`; kept as a dotfile so the top level stays as documented).
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/**
 * What each kind of project may import (tags in each project's package.json "nx" block or
 * project.json, so a new project is covered by its tag, not by a list here). Libraries never
 * import services or the test harness; a service never imports another service; only the
 * standalone composition imports services, through their entry points (@helpdesk/<name>-service).
 */
const PRODUCT_BOUNDARIES = [
  { sourceTag: 'scope:domain', onlyDependOnLibsWithTags: ['scope:domain'] },
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:test-infra'] },
  { sourceTag: 'type:test-infra', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:lib', 'type:test-infra'] },
  { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib', 'type:test-infra', 'type:testing'] },
  {
    sourceTag: 'type:composition',
    onlyDependOnLibsWithTags: ['type:service', 'type:lib', 'type:test-infra', 'type:testing'],
  },
];

/** @nx/enforce-module-boundaries with these constraints (the graph is built by `npm run lint` first). */
const boundaries = (depConstraints) => ({
  '@nx/enforce-module-boundaries': ['error', { allow: [], depConstraints }],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', '.infra/', '.nx/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/dist/**'], message: 'Import sources, not build output.' }],
        },
      ],
    },
  },
  {
    // The product's projects. End-to-end suites (e2e/, services/*/test) and the tooling (deploy/,
    // bench/) drive the whole desk and reach into any service by design: their edges are in the
    // graph (and no cycle through them, workspace-graph.int.spec.ts), and nothing may import them.
    files: ['libs/**/*.ts', 'services/*/src/**/*.ts'],
    plugins: { '@nx': nx },
    rules: boundaries(PRODUCT_BOUNDARIES),
  },
  {
    // A domain library's own specs may use the test servers' helpers (e.g. recorded spans): the
    // spec is not the library, and test-infra depends on nothing of the desk, so no cycle.
    files: ['libs/**/*.spec.ts'],
    plugins: { '@nx': nx },
    rules: boundaries(
      PRODUCT_BOUNDARIES.map((constraint) =>
        constraint.sourceTag === 'scope:domain'
          ? { ...constraint, onlyDependOnLibsWithTags: ['scope:domain', 'type:test-infra'] }
          : constraint,
      ),
    ),
  },
  {
    // A domain folder depends on nothing but the decider library and the contracts.
    files: ['services/*/src/domain/**/*.ts'],
    rules: boundaries([{ sourceTag: 'type:service', onlyDependOnLibsWithTags: ['scope:domain'] }]),
  },
  {
    // Pure domain code, its tests and the decider library: no framework, no I/O, no adapter, so
    // loading a domain folder loads only the domain (issue 17.5). Domain code imports
    // @helpdesk/decider and @helpdesk/contracts; everything below is an adapter or built on one.
    files: ['services/*/src/domain/**/*.ts', 'libs/decider/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/dist/**'], message: 'Import sources, not build output.' },
            {
              group: [
                '@helpdesk/event-store',
                '@helpdesk/messaging',
                '@helpdesk/read-models',
                '@helpdesk/platform',
                '@helpdesk/testing',
                '**/libs/*/src/**',
                '@nestjs/*',
                '@eventstore/*',
                '@electric-sql/*',
                '@platformatic/*',
                '@confluentinc/*',
                '@opentelemetry/*',
                'pg',
                'pg-*',
                'mongoose',
                'mongodb',
                'kafkajs',
                'imapflow',
                'nodemailer',
                'smtp-server',
                'postal-mime',
                'email-reply-parser',
                'html-to-text',
                'handlebars',
                'express',
                'fastify',
                '@fastify/*',
                'pino',
                'pino-*',
                'nestjs-pino',
                'prom-client',
                'jose',
                'lru-cache',
                'rxjs',
                'supertest',
                'testcontainers',
                'fs',
                'node:fs',
                'fs/*',
                'node:fs/*',
                'net',
                'node:net',
                'http',
                'node:http',
                'https',
                'node:https',
                'http2',
                'node:http2',
                'child_process',
                'node:child_process',
                'worker_threads',
                'node:worker_threads',
                'dgram',
                'node:dgram',
                'tls',
                'node:tls',
              ],
              message: 'The domain is pure: no framework, no I/O, no adapter (use @helpdesk/decider).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        process: 'readonly',
        console: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
