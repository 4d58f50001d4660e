// The lint rules that keep the layers apart really fire: each fixture is a few lines of source
// that break one rule, linted as if it were a file at the given path (ESLint's Node API, with the
// repository's own .eslint.config.mjs and the project graph Nx has just computed, in lint-text.mjs).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const workspaceRoot = join(__dirname, '..', '..');

/** Each fixture: a few lines of source that break (or keep) one rule, and the file they pose as. */
const FIXTURES = {
  pgInDomain: {
    path: 'services/tickets/src/domain/fixture.ts',
    source: "import { Client } from 'pg';\nexport const client = new Client();\n",
  },
  eventStoreInDomain: {
    path: 'services/sla-monitor/src/domain/fixture.ts',
    source:
      "import { createPostgresEventStore } from '@helpdesk/event-store';\nexport const store = createPostgresEventStore;\n",
  },
  pgInAdapters: {
    path: 'services/tickets/src/adapters/fixture.ts',
    source: "import { Client } from 'pg';\nexport const client = new Client();\n",
  },
  deciderAndContractsInDomain: {
    path: 'services/tickets/src/domain/fixture.ts',
    source:
      "import { refuse } from '@helpdesk/decider';\nimport { TOPICS } from '@helpdesk/contracts';\nexport const both = [refuse, TOPICS];\n",
  },
  serviceImportsService: {
    path: 'services/tickets/src/fixture.ts',
    source:
      "import { contactsService } from '@helpdesk/contacts-service';\nexport const other = contactsService;\n",
  },
  serviceImportsOtherSrc: {
    path: 'services/tickets/src/fixture.ts',
    source:
      "import { contactsService } from '../../contacts/src/contacts.service';\nexport const other = contactsService;\n",
  },
  libImportsService: {
    path: 'libs/platform/src/fixture.ts',
    source:
      "import { ticketsService } from '@helpdesk/tickets-service';\nexport const service = ticketsService;\n",
  },
  libSpecImportsHarness: {
    path: 'libs/messaging/src/fixture.int.spec.ts',
    source: "import { startTestApp } from '@helpdesk/testing';\nexport const start = startTestApp;\n",
  },
  compositionImportsService: {
    path: 'services/standalone/src/fixture.ts',
    source:
      "import { ticketsService } from '@helpdesk/tickets-service';\nexport const service = ticketsService;\n",
  },
};
type Fixture = keyof typeof FIXTURES;
type Problem = { ruleId: string | null; message: string };

let problems: Record<Fixture, Problem[]>;
const problemsOf = (fixture: Fixture) => problems[fixture];

beforeAll(() => {
  const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
  // @nx/enforce-module-boundaries reads the graph Nx cached, and skips itself without one.
  execFileSync(join(workspaceRoot, 'node_modules', '.bin', 'nx'), ['show', 'projects'], {
    cwd: workspaceRoot,
    env,
    stdio: 'ignore',
  });
  const names = Object.keys(FIXTURES) as Fixture[];
  const output = execFileSync(process.execPath, [join(__dirname, 'lint-text.mjs')], {
    cwd: workspaceRoot,
    env,
    input: JSON.stringify({ fixtures: names.map((name) => FIXTURES[name]) }),
  });
  const lists = JSON.parse(output.toString()) as Problem[][];
  problems = Object.fromEntries(names.map((name, at) => [name, lists[at]])) as Record<Fixture, Problem[]>;
}, 120000);

describe('lint keeps the domain pure', () => {
  it('refuses an adapter package (pg) imported from a domain folder', () => {
    const problems = problemsOf('pgInDomain');
    expect(problems).toContainEqual({
      ruleId: 'no-restricted-imports',
      message: expect.stringContaining("'pg' import is restricted"),
    });
  });

  it('refuses an adapter library imported from a domain folder', () => {
    const problems = problemsOf('eventStoreInDomain');
    expect(problems.map(({ ruleId }) => ruleId)).toEqual(
      expect.arrayContaining(['no-restricted-imports', '@nx/enforce-module-boundaries']),
    );
  });

  it('lets the same pg import through outside the domain, where adapters live', () => {
    const problems = problemsOf('pgInAdapters');
    expect(problems).toEqual([]);
  });

  it('lets a domain folder import the decider library and the contracts', () => {
    const problems = problemsOf('deciderAndContractsInDomain');
    expect(problems).toEqual([]);
  });
});

describe('lint keeps the projects apart (@nx/enforce-module-boundaries on the tags)', () => {
  it('refuses a service importing another service', () => {
    const problems = problemsOf('serviceImportsService');
    expect(problems).toContainEqual({
      ruleId: '@nx/enforce-module-boundaries',
      message: expect.stringContaining('"type:service" can only depend on'),
    });
  });

  it("refuses a relative import of another service's src", () => {
    const problems = problemsOf('serviceImportsOtherSrc');
    expect(problems).toContainEqual({
      ruleId: '@nx/enforce-module-boundaries',
      message: expect.stringContaining('cannot be imported by a relative or absolute path'),
    });
  });

  it('refuses a library importing a service (a cycle: every service builds on the libraries)', () => {
    const problems = problemsOf('libImportsService');
    expect(problems).toContainEqual({
      ruleId: '@nx/enforce-module-boundaries',
      message: expect.stringContaining(
        'Circular dependency between "@helpdesk/platform" and "@helpdesk/tickets-service"',
      ),
    });
  });

  it("refuses a library's integration spec importing the multi-service harness", () => {
    const problems = problemsOf('libSpecImportsHarness');
    expect(problems.map(({ ruleId }) => ruleId)).toContain('@nx/enforce-module-boundaries');
  });

  it('lets the standalone composition import every service', () => {
    const problems = problemsOf('compositionImportsService');
    expect(problems).toEqual([]);
  });
});
