// ESLint flat config (run as `npm run lint`; kept as a dotfile so the top level stays as documented).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
