// The types of nx-targets.js (a CommonJS file, as Nx loads a local plugin without a TypeScript
// loader), for its unit test.
type Target = {
  executor: string;
  options: { command: string; cwd: string };
  cache?: boolean;
  inputs?: string[];
};
type CreateNodesResult = [
  file: string,
  result: { projects: Record<string, { targets: Record<string, Target> }> },
];

export declare const name: string;
export declare const createNodesV2: readonly [
  projectFilePattern: string,
  createNodes: (files: string[]) => Promise<CreateNodesResult[]>,
];
