import {
  describeSelection,
  dockerEngineHint,
  needsDocker,
  pinnedKafkaVersion,
  selectServers,
} from './server-selection';

const noDocker = { answers: false as const, why: 'no Docker engine on this machine' };

describe('which test servers a run uses', () => {
  it('uses the servers infra:up wrote and does not ask Docker for them', () => {
    const infraEnv = { KAFKA_BROKERS: '127.0.0.1:1', MONGO_URL: 'mongodb://m/', PG_URL: 'postgres://p/h' };
    expect(selectServers({ environment: {}, infraEnv, docker: { answers: true } })).toEqual([
      { server: 'kafka', path: 'infra-env', value: '127.0.0.1:1' },
      { server: 'mongodb', path: 'infra-env', value: 'mongodb://m/' },
      { server: 'postgres', path: 'infra-env', value: 'postgres://p/h' },
      // the one infra:up cannot run: a container where Docker answers
      { server: 'eventstoredb', path: 'testcontainers' },
    ]);
    expect(needsDocker({ environment: {}, infraEnv })).toBe(true);
    expect(needsDocker({ environment: { ESDB_URL: 'esdb://e' }, infraEnv })).toBe(false);
  });

  it('lets a variable already set win over .infra/env', () => {
    const [kafka] = selectServers({
      environment: { KAFKA_BROKERS: '10.0.0.1:9092' },
      infraEnv: { KAFKA_BROKERS: '127.0.0.1:1' },
      docker: noDocker,
    });
    expect(kafka).toEqual({ server: 'kafka', path: 'environment', value: '10.0.0.1:9092' });
  });

  it('starts every server as a container on a laptop with Docker and nothing set', () => {
    const paths = selectServers({ environment: {}, infraEnv: {}, docker: { answers: true } }).map(
      (s) => s.path,
    );
    expect(paths).toEqual(['testcontainers', 'testcontainers', 'testcontainers', 'testcontainers']);
  });

  it('without Docker and without settings names what is missing and how to start it', () => {
    const sources = selectServers({ environment: {}, infraEnv: {}, docker: noDocker });
    expect(sources.every((s) => s.path === 'none')).toBe(true);
    const line = describeSelection(sources);
    expect(line).toContain(
      'kafka: none (KAFKA_BROKERS is not set and no Docker engine on this machine): run npm run infra:up',
    );
    expect(line).toContain('eventstoredb: none, its suite is skipped (ESDB_URL is not set');
  });

  it('says which path ran for each server', () => {
    const line = describeSelection(
      selectServers({
        environment: { PG_URL: 'postgres://x/h' },
        infraEnv: { KAFKA_BROKERS: '127.0.0.1:1' },
        docker: { answers: true },
      }),
    );
    expect(line).toBe(
      '[test servers] kafka: 127.0.0.1:1 (KAFKA_BROKERS from .infra/env: npm run infra:up); ' +
        'mongodb: a container started by testcontainers; postgres: postgres://x/h (PG_URL from the environment); ' +
        'eventstoredb: a container started by testcontainers',
    );
  });
});

describe('whether a Docker engine is worth asking', () => {
  const none = () => false;
  it('asks where DOCKER_HOST or a usual socket points at one', () => {
    expect(
      dockerEngineHint({ environment: { DOCKER_HOST: 'tcp://h:2375' }, socketExists: none, home: '/h' }),
    ).toBe('DOCKER_HOST=tcp://h:2375');
    const desktop = '/h/.docker/run/docker.sock';
    expect(dockerEngineHint({ environment: {}, socketExists: (p) => p === desktop, home: '/h' })).toBe(
      desktop,
    );
    const rootless = '/run/user/1000/docker.sock';
    expect(
      dockerEngineHint({
        environment: { XDG_RUNTIME_DIR: '/run/user/1000' },
        socketExists: (p) => p === rootless,
        home: '/h',
      }),
    ).toBe(rootless);
  });

  it('does not ask where nothing points at an engine (this machine)', () => {
    expect(dockerEngineHint({ environment: {}, socketExists: none, home: '/h' })).toBeUndefined();
  });
});

describe('the Kafka version a container runs', () => {
  it('is the one the line pom pins', () => {
    const pom = `<dependency>\n  <groupId>org.apache.kafka</groupId>\n  <artifactId>kafka_2.13</artifactId>\n  <version>4.4.0</version>\n</dependency>`;
    expect(pinnedKafkaVersion(pom)).toBe('4.4.0');
    expect(() => pinnedKafkaVersion('<project/>')).toThrow('pins no org.apache.kafka:kafka_2.13 version');
  });
});
