import { createNodesV2 } from './nx-targets';

const [pattern, createNodes] = createNodesV2;
const commandsOf = async (files: string[]) => {
  const commands: Record<string, Record<string, string>> = {};
  for (const [, { projects }] of await createNodes(files))
    for (const [root, { targets }] of Object.entries(projects))
      commands[root] = Object.fromEntries(
        Object.entries(targets).map(([name, t]) => [name, t.options.command]),
      );
  return commands;
};

describe('the targets every project has by convention (nx-targets.js)', () => {
  it('looks for package.json under libs/ and services/ and project.json anywhere', () =>
    expect(pattern).toBe('{libs/*/package.json,services/*/package.json,**/project.json}'));

  it('gives a project nobody listed anywhere lint, typecheck and test', async () =>
    expect(await commandsOf(['libs/personal-data/package.json'])).toEqual({
      'libs/personal-data': {
        lint: 'eslint -c .eslint.config.mjs libs/personal-data',
        typecheck: 'node deploy/workspace/typecheck-project.js libs/personal-data',
        test: 'jest --passWithNoTests libs/personal-data/',
      },
    }));

  it('leaves a project inside another (services/x/test) to itself', async () => {
    const commands = await commandsOf([
      'services/tickets/package.json',
      'services/tickets/test/project.json',
    ]);
    expect(commands['services/tickets']).toEqual({
      lint: "eslint -c .eslint.config.mjs --ignore-pattern 'services/tickets/test/**' services/tickets",
      typecheck: 'node deploy/workspace/typecheck-project.js services/tickets services/tickets/test',
      test: "jest --passWithNoTests --testPathIgnorePatterns 'services/tickets/test/' services/tickets/",
    });
    expect(commands['services/tickets/test'].test).toBe('jest --passWithNoTests services/tickets/test/');
  });

  it('does not take services/tickets-archive for a project inside services/tickets', async () => {
    const commands = await commandsOf([
      'services/tickets/package.json',
      'services/tickets-archive/package.json',
    ]);
    expect(commands['services/tickets'].test).toBe('jest --passWithNoTests services/tickets/');
  });

  it('ignores package.json files of installed packages', async () =>
    expect(await commandsOf(['node_modules/nx/project.json'])).toEqual({}));
});
