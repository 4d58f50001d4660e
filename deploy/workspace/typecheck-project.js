// `nx run <project>:typecheck`: the TypeScript check of one project's files (and what they import)
// with the workspace's compiler options (tsconfig.base.json), so `nx affected -t typecheck` checks
// only what a change can break. `npm run typecheck` still checks the whole workspace at once.
// Usage: node deploy/workspace/typecheck-project.js <project root> [roots of projects inside it, left out]
const ts = require('typescript');
const { join, relative, sep } = require('node:path');

const workspaceRoot = join(__dirname, '..', '..');
const [projectRoot, ...nestedRoots] = process.argv.slice(2);
if (!projectRoot) {
  process.stderr.write('usage: node deploy/workspace/typecheck-project.js <project root>\n');
  process.exit(2);
}
const configFile = join(workspaceRoot, 'tsconfig.base.json');
const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
const parsed = ts.parseJsonConfigFileContent(config, ts.sys, workspaceRoot, { noEmit: true }, configFile);
const isUnder = (root) => (file) => {
  const path = relative(join(workspaceRoot, root), file);
  return path !== '' && !path.startsWith('..') && !path.startsWith(sep);
};
const inProject = (file) =>
  isUnder(projectRoot)(file) && !nestedRoots.some((nested) => isUnder(nested)(file));
const program = ts.createProgram(parsed.fileNames.filter(inProject), parsed.options);
const diagnostics = ts.getPreEmitDiagnostics(program);
if (diagnostics.length > 0) {
  const host = {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => workspaceRoot,
    getNewLine: () => '\n',
  };
  process.stderr.write(ts.formatDiagnostics(diagnostics, host));
  process.exit(1);
}
process.stdout.write(`typecheck ${projectRoot}: ${program.getRootFileNames().length} files, no error\n`);
