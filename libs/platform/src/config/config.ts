/**
 * Configuration from environment variables, validated once at start-up. Every problem is
 * collected and reported together, so an operator fixes a deployment in one round.
 */
export interface Setting<T> {
  /** What the variable is for, shown in the error message. */
  readonly description: string;
  /** Used when the variable is unset; a setting without a default is required. */
  readonly default?: string;
  readonly parse: (raw: string) => T;
}

export type ConfigSchema = Record<string, Setting<unknown>>;
export type ConfigOf<S extends ConfigSchema> = { [K in keyof S]: S[K] extends Setting<infer T> ? T : never };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export const loadConfig = <S extends ConfigSchema>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): ConfigOf<S> => {
  const problems: string[] = [];
  const config: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(schema)) {
    const raw = env[name] === undefined || env[name] === '' ? setting.default : env[name];
    if (raw === undefined) {
      problems.push(`${name} is required: ${setting.description}`);
      continue;
    }
    try {
      config[name] = setting.parse(raw);
    } catch (error) {
      problems.push(
        `${name}=${JSON.stringify(raw)} is invalid: ${(error as Error).message} (${setting.description})`,
      );
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config as ConfigOf<S>;
};

/** Parsers for the kinds of values our settings take. */
export const parse = {
  string: (raw: string) => raw,
  port: (raw: string) => {
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new Error('expected a port number 0-65535');
    return port;
  },
  positiveInt: (raw: string) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0) throw new Error('expected a positive integer');
    return value;
  },
  /** Milliseconds, or -1 for forever (Kafka's retention.ms). */
  retention: (raw: string) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || (value <= 0 && value !== -1))
      throw new Error('expected milliseconds, or -1 to keep forever');
    return value;
  },
  url:
    (...protocols: string[]) =>
    (raw: string) => {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw new Error('expected a URL');
      }
      if (protocols.length > 0 && !protocols.includes(url.protocol.replace(/:$/, ''))) {
        throw new Error(`expected a ${protocols.join(' or ')} URL`);
      }
      return raw;
    },
  oneOf:
    <T extends string>(...choices: T[]) =>
    (raw: string): T => {
      if (!(choices as string[]).includes(raw)) throw new Error(`expected one of ${choices.join(', ')}`);
      return raw as T;
    },
  /** A comma-separated list of host:port pairs, e.g. Kafka bootstrap brokers. */
  hostPorts: (raw: string) => {
    const list = raw.split(',').map((s) => s.trim());
    for (const hostPort of list) {
      if (!/^[^\s:]+:\d{1,5}$/.test(hostPort)) throw new Error(`"${hostPort}" is not host:port`);
    }
    return list;
  },
};
