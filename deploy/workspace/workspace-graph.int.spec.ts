// The workspace graph tells the truth (issue 17.4): Nx sees the real imports between projects,
// finds no cycle among them, and `nx affected` picks exactly the projects a change reaches.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cyclesOf, dependentsOf, type ProjectGraphFile, projectEdges } from './project-graph';

const workspaceRoot = join(__dirname, '..', '..');
const nx = (...args: string[]) =>
  execFileSync(join(workspaceRoot, 'node_modules', '.bin', 'nx'), args, {
    cwd: workspaceRoot,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  }).toString();

const SERVICES = ['tickets', 'contacts', 'sla-monitor', 'notifications', 'releases'].map(
  (name) => `@helpdesk/${name}-service`,
);

let edges: Map<string, Set<string>>;
let graph: ProjectGraphFile;

beforeAll(() => {
  const folder = mkdtempSync(join(tmpdir(), 'nx-graph-'));
  try {
    nx('graph', `--file=${join(folder, 'graph.json')}`);
    graph = JSON.parse(readFileSync(join(folder, 'graph.json'), 'utf8')) as ProjectGraphFile;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  edges = projectEdges(graph);
}, 60000);

describe('nx graph', () => {
  it('has no cycle between projects', () => {
    expect(cyclesOf(edges)).toEqual([]);
  });

  it('shows the real imports as edges', () => {
    for (const service of SERVICES) {
      expect([service, [...edges.get(service)!]]).toEqual([
        service,
        expect.arrayContaining(['@helpdesk/decider', '@helpdesk/contracts', '@helpdesk/platform']),
      ]);
      expect([...edges.get('@helpdesk/standalone-service')!]).toContain(service);
    }
    expect([...edges.get('@helpdesk/platform')!]).toEqual(
      expect.arrayContaining(['@helpdesk/event-store', '@helpdesk/messaging', '@helpdesk/read-models']),
    );
    // The multi-service suites are projects of their own, above the services they start.
    expect([...edges.get('tickets-service-e2e')!]).toEqual(
      expect.arrayContaining(['@helpdesk/tickets-service', '@helpdesk/contacts-service']),
    );
  });

  it('gives every project a tag the lint boundaries know', () => {
    const untagged = Object.values(graph.graph.nodes)
      .filter(({ data }) => !(data.tags ?? []).some((tag) => tag.startsWith('type:')))
      .map(({ name }) => name);
    expect(untagged).toEqual([]);
  });

  it('keeps the domain libraries and the test servers free of every other project', () => {
    expect([...edges.get('@helpdesk/decider')!]).toEqual([]);
    // The contracts' own specs record spans with the test servers' helpers (which depend on nothing).
    expect([...edges.get('@helpdesk/contracts')!].filter((to) => to !== '@helpdesk/test-infra')).toEqual([]);
    expect([...edges.get('@helpdesk/test-infra')!]).toEqual([]);
  });
});

describe('nx affected', () => {
  it('names every project above libs/decider for a change there, and none beside it', () => {
    const affected = JSON.parse(
      nx('show', 'projects', '--affected', '--files=libs/decider/src/decider.ts', '--json'),
    ) as string[];
    expect(new Set(affected)).toEqual(dependentsOf(edges, '@helpdesk/decider'));
    expect(affected).toEqual(
      expect.arrayContaining([
        '@helpdesk/decider',
        '@helpdesk/event-store',
        '@helpdesk/platform',
        '@helpdesk/testing',
        '@helpdesk/standalone-service',
        'e2e',
        ...SERVICES,
      ]),
    );
    expect(affected).not.toContain('@helpdesk/contracts');
    expect(affected).not.toContain('@helpdesk/test-infra');
    // `nx affected -t lint typecheck test` runs each target on all of them: every project has the three.
    for (const target of ['lint', 'typecheck', 'test']) {
      const withTarget = JSON.parse(
        nx(
          'show',
          'projects',
          '--affected',
          '--files=libs/decider/src/decider.ts',
          '--with-target',
          target,
          '--json',
        ),
      ) as string[];
      expect([target, new Set(withTarget)]).toEqual([target, new Set(affected)]);
    }
  });

  it('names a service and what is built on it (standalone, suites, benchmarks), not the other services', () => {
    const affected = JSON.parse(
      nx('show', 'projects', '--affected', '--files=services/sla-monitor/src/main.ts', '--json'),
    ) as string[];
    expect(new Set(affected)).toEqual(dependentsOf(edges, '@helpdesk/sla-monitor-service'));
    expect(affected).not.toContain('@helpdesk/tickets-service');
  });
});
