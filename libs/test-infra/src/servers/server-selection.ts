import type { InfraSetting } from '../infra';

/** The servers the integration tests may need, and the setting that points at each. */
export const testServers = {
  kafka: 'KAFKA_BROKERS',
  mongodb: 'MONGO_URL',
  postgres: 'PG_URL',
  eventstoredb: 'ESDB_URL',
} as const satisfies Record<string, InfraSetting>;

export type TestServer = keyof typeof testServers;

/**
 * Where a test server comes from: a setting already made (the environment, or `.infra/env` that
 * `npm run infra:up` wrote), a container testcontainers starts, or nowhere (its tests fail saying
 * how to start it; the EventStoreDB suite reports itself skipped).
 */
export type ServerSource =
  | { server: TestServer; path: 'environment' | 'infra-env'; value: string }
  | { server: TestServer; path: 'testcontainers' }
  | { server: TestServer; path: 'none'; why: string };

export interface SelectionInputs {
  environment: Record<string, string | undefined>;
  /** The settings in `.infra/env`, if it exists. */
  infraEnv: Record<string, string>;
  /** Whether a Docker engine answered, and if not, why not. */
  docker: { answers: true } | { answers: false; why: string };
}

/** A setting already made wins; else a container where Docker answers; else nothing. */
export const selectServers = ({ environment, infraEnv, docker }: SelectionInputs): ServerSource[] =>
  (Object.keys(testServers) as TestServer[]).map((server): ServerSource => {
    const setting = testServers[server];
    if (environment[setting]) return { server, path: 'environment', value: environment[setting] };
    if (infraEnv[setting]) return { server, path: 'infra-env', value: infraEnv[setting] };
    if (docker.answers) return { server, path: 'testcontainers' };
    return { server, path: 'none', why: docker.why };
  });

/** Whether any server is still to be found: only then is Docker worth asking (loading testcontainers takes seconds). */
export const needsDocker = (inputs: Omit<SelectionInputs, 'docker'>) =>
  selectServers({ ...inputs, docker: { answers: false, why: '' } }).some((s) => s.path === 'none');

export interface DockerHints {
  environment: Record<string, string | undefined>;
  /** Which of the usual engine sockets exist on this machine. */
  socketExists: (path: string) => boolean;
  home: string;
}

/**
 * A Docker engine can only answer where something points at one: DOCKER_HOST, testcontainers'
 * own TESTCONTAINERS_HOST_OVERRIDE or a socket in one of the usual places (Docker Engine, Docker
 * Desktop, Colima, rootless). Without any, the answer is no without asking testcontainers.
 */
export const dockerEngineHint = ({ environment, socketExists, home }: DockerHints): string | undefined => {
  if (environment.DOCKER_HOST) return `DOCKER_HOST=${environment.DOCKER_HOST}`;
  if (environment.TESTCONTAINERS_HOST_OVERRIDE) return `TESTCONTAINERS_HOST_OVERRIDE`;
  const sockets = [
    '/var/run/docker.sock',
    `${home}/.docker/run/docker.sock`,
    `${home}/.docker/desktop/docker.sock`,
    `${home}/.colima/default/docker.sock`,
    ...(environment.XDG_RUNTIME_DIR ? [`${environment.XDG_RUNTIME_DIR}/docker.sock`] : []),
  ];
  return sockets.find(socketExists);
};

const origin = (source: ServerSource) => {
  const setting = testServers[source.server];
  switch (source.path) {
    case 'environment':
      return `${source.value} (${setting} from the environment)`;
    case 'infra-env':
      return `${source.value} (${setting} from .infra/env: npm run infra:up)`;
    case 'testcontainers':
      return 'a container started by testcontainers';
    case 'none':
      return source.server === 'eventstoredb'
        ? `none, its suite is skipped (${setting} is not set and ${source.why})`
        : `none (${setting} is not set and ${source.why}): run npm run infra:up`;
  }
};

/** The line the test output starts with: which path ran, server by server. */
export const describeSelection = (sources: ServerSource[]) =>
  `[test servers] ${sources.map((s) => `${s.server}: ${origin(s)}`).join('; ')}`;

/** The Kafka version a line's pom pins (deploy/local/kafka/<line>/pom.xml): containers run the same. */
export const pinnedKafkaVersion = (pom: string): string => {
  const match = /<artifactId>kafka_2\.13<\/artifactId>\s*<version>([^<]+)<\/version>/.exec(pom);
  if (!match) throw new Error('the pom pins no org.apache.kafka:kafka_2.13 version');
  return match[1];
};
