// Test servers as containers, for a machine with a Docker engine and no servers of its own (a
// laptop): the same settings infra:up writes, pointing at throwaway containers instead.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { StartedTestContainer } from 'testcontainers';
import { workspaceRoot } from '../infra';
import { pinnedKafkaVersion, type TestServer } from './server-selection';

export interface StartedServer {
  /** The value of the server's setting (KAFKA_BROKERS, MONGO_URL, PG_URL, ESDB_URL). */
  value: string;
  container: StartedTestContainer;
}

/** Whether a Docker engine answers testcontainers, and if not, what it said. */
export const askDocker = async (): Promise<{ answers: true } | { answers: false; why: string }> => {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return { answers: true };
  } catch (error) {
    return { answers: false, why: `no Docker engine answered: ${(error as Error).message}` };
  }
};

/** The Kafka version infra.sh runs for a line (4 or 3.9): the container image has the same. */
export const kafkaVersionOf = (line: '4' | '3.9') =>
  pinnedKafkaVersion(readFileSync(join(workspaceRoot, 'deploy', 'local', 'kafka', line, 'pom.xml'), 'utf8'));

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/**
 * A single KRaft node configured like deploy/local/kafka/server.properties. Clients reach it
 * at the address it advertises, so its port on the host is chosen first and advertised.
 */
export const startKafkaContainer = async (version: string): Promise<StartedServer> => {
  const { GenericContainer, Wait } = await import('testcontainers');
  const port = await freePort();
  const container = await new GenericContainer(`apache/kafka:${version}`)
    .withExposedPorts({ container: 9092, host: port })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${port}`,
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS: '10',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .start();
  return { value: `127.0.0.1:${port}`, container };
};

const startOther = async (server: Exclude<TestServer, 'kafka'>): Promise<StartedServer> => {
  const { GenericContainer, Wait } = await import('testcontainers');
  switch (server) {
    case 'mongodb': {
      const container = await new GenericContainer('mongo:7.0')
        .withExposedPorts(27017)
        .withWaitStrategy(Wait.forLogMessage(/Waiting for connections/))
        .start();
      return { value: `mongodb://${container.getHost()}:${container.getMappedPort(27017)}/`, container };
    }
    case 'postgres': {
      const container = await new GenericContainer('postgres:15')
        .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust', POSTGRES_DB: 'helpdesk' })
        .withExposedPorts(5432)
        // The image starts the server twice: once to initialise, then for good.
        .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
        .start();
      return {
        value: `postgres://postgres@${container.getHost()}:${container.getMappedPort(5432)}/helpdesk`,
        container,
      };
    }
    case 'eventstoredb': {
      // A throwaway server: no TLS, events in memory (what the contract suite's comment describes).
      const container = await new GenericContainer('eventstore/eventstore:24.10')
        .withEnvironment({
          EVENTSTORE_INSECURE: 'true',
          EVENTSTORE_MEM_DB: 'true',
          EVENTSTORE_CLUSTER_SIZE: '1',
        })
        .withExposedPorts(2113)
        .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
        .start();
      return { value: `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`, container };
    }
  }
};

/** Starts the server's container: Kafka is the default line infra.sh runs (4.x). */
export const startContainer = (server: TestServer): Promise<StartedServer> =>
  server === 'kafka' ? startKafkaContainer(kafkaVersionOf('4')) : startOther(server);
