// A local Nx plugin (nx.json "plugins"): the targets every project has by convention, so a new
// project (a package.json under libs/ or services/, or a project.json anywhere) can be linted,
// type-checked and tested by `nx affected -t lint typecheck test` without an edit here. A target a
// project declares itself (its package.json "nx" block or project.json) wins over these.
const { dirname } = require('node:path');

const PROJECT_FILES = '{libs/*/package.json,services/*/package.json,**/project.json}';

/** A project's targets; `nested` are the roots of projects inside it (services/x/test), left to them. */
const conventionalTargets = (root, nested) => ({
  lint: {
    executor: 'nx:run-commands',
    options: {
      command: [
        'eslint -c .eslint.config.mjs',
        ...nested.map((n) => `--ignore-pattern '${n}/**'`),
        root,
      ].join(' '),
      cwd: '{workspaceRoot}',
    },
    cache: true,
    inputs: ['default', '{workspaceRoot}/.eslint.config.mjs'],
  },
  typecheck: {
    executor: 'nx:run-commands',
    options: {
      command: ['node deploy/workspace/typecheck-project.js', root, ...nested].join(' '),
      cwd: '{workspaceRoot}',
    },
    cache: true,
    inputs: ['default', '^default'],
  },
  test: {
    executor: 'nx:run-commands',
    options: {
      command: [
        'jest --passWithNoTests',
        ...nested.map((n) => `--testPathIgnorePatterns '${n}/'`),
        `${root}/`,
      ].join(' '),
      cwd: '{workspaceRoot}',
    },
  },
});

exports.name = 'helpdesk-conventional-targets';
exports.createNodesV2 = [
  PROJECT_FILES,
  async (files) => {
    const projectFiles = files.filter((file) => !file.startsWith('node_modules/'));
    const roots = projectFiles.map((file) => dirname(file));
    return projectFiles.map((file) => {
      const root = dirname(file);
      const nested = roots.filter((other) => other.startsWith(`${root}/`));
      return [file, { projects: { [root]: { targets: conventionalTargets(root, nested) } } }];
    });
  },
];
