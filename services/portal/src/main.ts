import { createServer } from 'node:http';
import { configurationProblems, ConfigError, loadConfig, parse, type Mode } from '@helpdesk/platform';
import { portalHealth } from './http/health';
import { buildPortal, checkPortalSettings } from './portal';

const log = (line: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ time: Date.now(), service: 'portal', ...line })}\n`);

const exitForConfiguration = (problems: string[]) => {
  log({ level: 60, msg: `portal cannot start: invalid configuration: ${problems.join('; ')}`, problems });
  process.exit(78);
};

/** The portal as its own deployable: pages and sign-in, talking to the services' APIs over HTTP. */
const main = async () => {
  const mode: Mode = process.env.MODE === 'standalone' ? 'standalone' : 'distributed';
  const http = {
    PORT: { description: 'HTTP port to listen on', default: '3006', parse: parse.port },
    HOST: {
      description: 'address to listen on (0.0.0.0 in containers)',
      default: '127.0.0.1',
      parse: parse.string,
    },
  };
  const problems = configurationProblems([(env) => loadConfig(http, env), checkPortalSettings], mode);
  if (problems.length > 0) return exitForConfiguration(problems);
  const { PORT, HOST } = loadConfig(http);
  const portal = buildPortal({ mode, log });
  const health = portalHealth(() => portal.settings.deskUrls);
  const server = createServer((req, res) => {
    void health(req, res).then((answered) => answered || portal.handle(req, res));
  });
  server.listen(PORT, HOST, () => log({ level: 30, msg: `portal listening on http://${HOST}:${PORT}` }));
  process.once('SIGTERM', () => server.close(() => void portal.close().then(() => process.exit(0))));
};

main().catch((error) => {
  if (error instanceof ConfigError) return exitForConfiguration(error.problems);
  log({ level: 60, msg: `portal cannot start: ${(error as Error).message}` });
  process.exit(1);
});
