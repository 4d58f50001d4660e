// Reading `nx graph --file=graph.json`: the workspace's projects and the edges between them, as
// Nx found them in the sources (nx.json, pluginsConfig @nx/js). Pure: the checks in
// workspace-graph.int.spec.ts run nx and hand its output here.

/** One edge as Nx writes it: `source` imports (or otherwise depends on) `target`. */
export interface GraphEdge {
  source: string;
  target: string;
  type: string;
}

/** The part of `nx graph --file` output these checks read. */
export interface ProjectGraphFile {
  graph: {
    nodes: Record<string, { name: string; data: { root: string; tags?: string[] } }>;
    dependencies: Record<string, GraphEdge[]>;
  };
}

/** The edges between workspace projects only (npm packages are nodes of another kind). */
export const projectEdges = ({ graph }: ProjectGraphFile): Map<string, Set<string>> => {
  const edges = new Map<string, Set<string>>();
  for (const name of Object.keys(graph.nodes)) edges.set(name, new Set());
  for (const [source, targets] of Object.entries(graph.dependencies))
    for (const { target } of targets)
      if (target in graph.nodes && target !== source) edges.get(source)?.add(target);
  return edges;
};

/**
 * Every cycle of projects, one per strongly connected component of more than one project
 * (Tarjan's algorithm), each listed in name order so that a failure reads the same every run.
 */
export const cyclesOf = (edges: Map<string, Set<string>>): string[][] => {
  const index = new Map<string, number>();
  const lowest = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (project: string) => {
    index.set(project, index.size);
    lowest.set(project, index.get(project)!);
    stack.push(project);
    onStack.add(project);
    for (const target of edges.get(project) ?? []) {
      if (!index.has(target)) {
        visit(target);
        lowest.set(project, Math.min(lowest.get(project)!, lowest.get(target)!));
      } else if (onStack.has(target)) lowest.set(project, Math.min(lowest.get(project)!, index.get(target)!));
    }
    if (lowest.get(project) !== index.get(project)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== project);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const project of edges.keys()) if (!index.has(project)) visit(project);
  return cycles;
};

/** The project and every project that depends on it, directly or through others: what a change to it affects. */
export const dependentsOf = (edges: Map<string, Set<string>>, changed: string): Set<string> => {
  const affected = new Set([changed]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [source, targets] of edges)
      if (!affected.has(source) && [...targets].some((target) => affected.has(target))) {
        affected.add(source);
        grew = true;
      }
  }
  return affected;
};
