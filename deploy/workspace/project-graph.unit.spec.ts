import { cyclesOf, dependentsOf, type ProjectGraphFile, projectEdges } from './project-graph';

/** A graph file as `nx graph --file` writes it, from `source: [targets]`. */
const graphFile = (dependencies: Record<string, string[]>): ProjectGraphFile => ({
  graph: {
    nodes: Object.fromEntries(
      Object.keys(dependencies).map((name) => [name, { name, data: { root: `libs/${name}` } }]),
    ),
    dependencies: Object.fromEntries(
      Object.entries(dependencies).map(([source, targets]) => [
        source,
        targets.map((target) => ({ source, target, type: 'static' })),
      ]),
    ),
  },
});

describe('the workspace graph read from nx graph --file', () => {
  it('keeps only edges between projects, not to npm packages or to itself', () => {
    const file = graphFile({ a: ['b', 'npm:pg', 'a'], b: [] });
    expect([...projectEdges(file).get('a')!]).toEqual(['b']);
  });

  it('finds no cycle in a layered graph', () => {
    const edges = projectEdges(
      graphFile({ service: ['platform', 'decider'], platform: ['decider'], decider: [] }),
    );
    expect(cyclesOf(edges)).toEqual([]);
  });

  it('finds a cycle through a test helper, listing every project in it', () => {
    const edges = projectEdges(
      graphFile({ messaging: ['testing'], testing: ['platform'], platform: ['messaging'], decider: [] }),
    );
    expect(cyclesOf(edges)).toEqual([['messaging', 'platform', 'testing']]);
  });

  it('finds two separate cycles as two', () => {
    const edges = projectEdges(graphFile({ a: ['b'], b: ['a'], c: ['d'], d: ['c'], e: ['a'] }));
    expect(cyclesOf(edges).sort()).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('counts as affected by a change the project and everything above it, nothing beside it', () => {
    const edges = projectEdges(
      graphFile({
        decider: [],
        contracts: [],
        platform: ['decider'],
        service: ['platform', 'contracts'],
        tool: [],
      }),
    );
    expect([...dependentsOf(edges, 'decider')].sort()).toEqual(['decider', 'platform', 'service']);
    expect([...dependentsOf(edges, 'contracts')].sort()).toEqual(['contracts', 'service']);
  });
});
