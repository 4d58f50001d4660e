/** The services of the desk, each its own process in the local stack, with its usual port. */
export const STACK_SERVICES = [
  { name: 'tickets', defaultPort: 3001 },
  { name: 'contacts', defaultPort: 3002 },
  { name: 'sla-monitor', defaultPort: 3003 },
  { name: 'notifications', defaultPort: 3004 },
  { name: 'releases', defaultPort: 3005 },
] as const;

export type StackServiceName = (typeof STACK_SERVICES)[number]['name'];

export interface StackOptions {
  /** Processes per service, each on a port of its own. */
  replicas: number;
  /** Names the stack's databases and consumer groups, so two stacks never share state. */
  name: string;
  /**
   * Where ports come from: `default` tries each service's usual port (3001-3005, replicas +10
   * each) and falls back to a free one; `free` always takes free ports; a number is the base
   * (tickets at base+1, ..., replicas +10 each).
   */
  ports: 'default' | 'free' | number;
  /** An SMTP server of the user's, or the stack's own catcher (`catcher`). */
  smtp: 'catcher' | string;
  /** The HS256 secret every service shares; generated once and kept when unset. */
  jwtSecret?: string;
  /** Only these services (all by default). */
  services: StackServiceName[];
  /**
   * `create`: the stack creates every topic before any service starts, as a deployment's topics
   * job does; `services`: each service creates what it needs (several at once on a fresh broker).
   */
  topics: 'create' | 'services';
}

export const defaultStackOptions: StackOptions = {
  replicas: 1,
  name: 'stack',
  ports: 'default',
  smtp: 'catcher',
  services: STACK_SERVICES.map((s) => s.name),
  topics: 'create',
};

export class StackUsageError extends Error {
  constructor(readonly problems: string[]) {
    super(`stack: ${problems.join('; ')}`);
    this.name = 'StackUsageError';
  }
}

const NAME = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * `stack:up`'s command line, e.g. `--replicas 2 --ports free --smtp smtp://127.0.0.1:2525`.
 * Every problem is listed at once, and nothing starts while there is one.
 */
export const parseStackOptions = (args: readonly string[]): StackOptions => {
  const options: StackOptions = { ...defaultStackOptions };
  const problems: string[] = [];
  const known = STACK_SERVICES.map((s) => s.name) as string[];
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    const value = () => inline ?? args[++i] ?? '';
    switch (flag) {
      case '--replicas': {
        const raw = value();
        const replicas = Number(raw);
        if (!/^\d+$/.test(raw) || replicas < 1 || replicas > 9)
          problems.push(`--replicas must be a whole number from 1 to 9, not ${JSON.stringify(raw)}`);
        else options.replicas = replicas;
        break;
      }
      case '--name': {
        const raw = value();
        if (!NAME.test(raw))
          problems.push(
            `--name must be lower-case letters, digits or _ (a database name), not ${JSON.stringify(raw)}`,
          );
        else options.name = raw;
        break;
      }
      case '--ports': {
        const raw = value();
        const base = Number(raw);
        if (raw === 'default' || raw === 'free') options.ports = raw;
        else if (/^\d+$/.test(raw) && base >= 1024 && base <= 65000) options.ports = base;
        else
          problems.push(
            `--ports must be default, free or a base port from 1024 to 65000, not ${JSON.stringify(raw)}`,
          );
        break;
      }
      case '--smtp': {
        const raw = value();
        if (raw === 'catcher' || /^smtps?:\/\/[^/]+/.test(raw)) options.smtp = raw;
        else
          problems.push(`--smtp must be catcher or an smtp:// or smtps:// URL, not ${JSON.stringify(raw)}`);
        break;
      }
      case '--jwt-secret': {
        const raw = value();
        if (raw.length < 32) problems.push('--jwt-secret must be at least 32 characters');
        else options.jwtSecret = raw;
        break;
      }
      case '--services': {
        const names = value().split(',').filter(Boolean);
        const unknown = names.filter((n) => !known.includes(n));
        if (names.length === 0 || unknown.length)
          problems.push(
            `--services must list some of ${known.join(', ')}; unknown: ${unknown.join(', ') || 'none given'}`,
          );
        else options.services = names as StackServiceName[];
        break;
      }
      case '--topics': {
        const raw = value();
        if (raw === 'create' || raw === 'services') options.topics = raw;
        else problems.push(`--topics must be create or services, not ${JSON.stringify(raw)}`);
        break;
      }
      default:
        problems.push(`unknown option ${JSON.stringify(args[i])}`);
    }
  }
  if (problems.length) throw new StackUsageError(problems);
  return options;
};
