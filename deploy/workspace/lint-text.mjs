// Lints pieces of source text, each as if it were the file at its path, with the repository's
// own ESLint configuration (ESLint's Node API). It runs in a process of its own because ESLint
// loads the flat config with import(), which jest's module sandbox refuses.
// stdin: {"fixtures": [{"path", "source"}]}; stdout: one list of {ruleId, message} per fixture.
import { ESLint } from 'eslint';
import { join } from 'node:path';
import process from 'node:process';

const workspaceRoot = join(import.meta.dirname, '..', '..');
let input = '';
for await (const chunk of process.stdin) input += chunk;
const { fixtures } = JSON.parse(input);
const eslint = new ESLint({
  cwd: workspaceRoot,
  overrideConfigFile: join(workspaceRoot, '.eslint.config.mjs'),
});
const problems = [];
for (const { path, source } of fixtures) {
  const [result] = await eslint.lintText(source, { filePath: join(workspaceRoot, path) });
  problems.push(result.messages.map(({ ruleId, message }) => ({ ruleId, message })));
}
process.stdout.write(JSON.stringify(problems));
