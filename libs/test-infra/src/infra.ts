import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The connection settings the integration tests need, from the environment or `.infra/env`. */
export type InfraSetting = 'KAFKA_BROKERS' | 'MONGO_URL' | 'PG_URL' | 'ESDB_URL';

/** The folder with nx.json, from the sources or from their build under dist/. */
const findWorkspaceRoot = (from: string): string => {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir))
    if (existsSync(join(dir, 'nx.json'))) return dir;
  return process.cwd();
};
export const workspaceRoot = findWorkspaceRoot(__dirname);
export const infraEnvFile = join(workspaceRoot, '.infra', 'env');
/** The settings of the second pass's Kafka 3.9 broker (`infra.sh kafka-3.9`). */
export const kafka39EnvFile = join(workspaceRoot, '.infra', 'kafka-3.9', 'env');
export const infraScript = join(workspaceRoot, 'deploy', 'local', 'infra.sh');

/** The `NAME=value` lines of an env file written by infra.sh; none when it does not exist. */
export const readEnvFile = (file: string): Record<string, string> => {
  if (!existsSync(file)) return {};
  const settings: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) settings[match[1]] = match[2];
  }
  return settings;
};

/** Copies `.infra/env` (written by `npm run infra:up`) into process.env; set variables win. */
export const loadInfraEnv = (): void => {
  for (const [name, value] of Object.entries(readEnvFile(infraEnvFile)))
    if (process.env[name] === undefined) process.env[name] = value;
};

/**
 * The value of a setting a test cannot run without. A missing server fails the test with
 * a message that says how to start it, never silently skips it.
 */
export const requireInfra = (setting: Exclude<InfraSetting, 'ESDB_URL'>): string => {
  loadInfraEnv();
  const value = process.env[setting];
  if (!value) {
    throw new Error(
      `${setting} is not set. Start the local servers with \`npm run infra:up\` ` +
        `(it writes ${infraEnvFile}), or set ${setting} to a running server.`,
    );
  }
  return value;
};
