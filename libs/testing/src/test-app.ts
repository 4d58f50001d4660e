import {
  configureHttp,
  httpAdapter,
  initHttp,
  DEFAULT_SCOPES,
  KafkaHealth,
  LagRegistry,
  type Principal,
  SCOPES,
  type Scope,
  serviceRootModule,
  type ServiceDefinition,
} from '@helpdesk/platform';
import { createHmac } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { freshPostgresDatabase, requireInfra } from '@helpdesk/test-infra';

export const TEST_JWT_SECRET = 'integration-tests-secret-0123456789abcdef';

export interface TestApp {
  app: INestApplication;
  /** A request as this principal, with its bearer token. */
  as(principal: TestPrincipal): AuthedAgent;
  close(): Promise<void>;
}

type Method = 'get' | 'post' | 'patch' | 'delete' | 'put';
export type AuthedAgent = Record<Method, (path: string) => request.Test>;

/**
 * Boots a service in this process over its real adapters, with the given settings layered
 * on the environment for as long as it runs (restored on close).
 */
export const startTestApp = async (
  service: ServiceDefinition,
  settings: Record<string, string>,
): Promise<TestApp> => {
  const saved = { ...process.env };
  Object.assign(process.env, { AUTH_JWT_SECRET: TEST_JWT_SECRET, ...settings });
  const moduleRef = await Test.createTestingModule({ imports: [serviceRootModule(service)] }).compile();
  const app = configureHttp(
    moduleRef.createNestApplication<NestFastifyApplication>(httpAdapter(service.name), { logger: ['error'] }),
    service,
  );
  app.enableShutdownHooks();
  const restoreEnvironment = () => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  };
  try {
    await initHttp(app);
    // Consumers join their groups in the background; a test sends only once they listen.
    await app.get(KafkaHealth).whenRunning(60000);
  } catch (error) {
    // A half-started app still holds connections and timers: close them, or jest never exits.
    await app.close().catch(() => undefined);
    restoreEnvironment();
    throw error;
  }
  return {
    app,
    as: (principal) => {
      const server = app.getHttpServer();
      const call = (method: Method) => (path: string) => {
        const client = request(server);
        return client[method](path).set('Authorization', `Bearer ${testToken(principal)}`);
      };
      return {
        get: call('get'),
        post: call('post'),
        patch: call('patch'),
        delete: call('delete'),
        put: call('put'),
      };
    },
    close: async () => {
      await app.close();
      restoreEnvironment();
    },
  };
};

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A test principal may say what its token carries; otherwise the scopes of its role (a system: every scope). */
export type TestPrincipal = Principal & { scopes?: readonly Scope[] };

const testScopesOf = (principal: TestPrincipal) =>
  principal.scopes ?? (principal.role === 'system' ? SCOPES : DEFAULT_SCOPES[principal.role]);

/** An HS256 token signed with the test secret, synchronously so tests can chain requests. */
export const testToken = (principal: TestPrincipal) => {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    sub: principal.id,
    role: principal.role,
    ...(principal.organisationId ? { org: principal.organisationId } : {}),
    scope: testScopesOf(principal).join(' '),
    iat: now,
    exp: now + 3600,
  };
  const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(payload)}`;
  return `${unsigned}.${createHmac('sha256', TEST_JWT_SECRET).update(unsigned).digest('base64url')}`;
};

/**
 * Distributed mode on the local real servers, with databases of the test's own: its relays
 * publish only its own events, its read models start empty, its consumer groups are its own and
 * start at the topics' end (what earlier tests left on the shared broker is not its business).
 */
export const distributedTestSettings = async (name: string): Promise<Record<string, string>> => {
  const eventStore = await freshPostgresDatabase(requireInfra('PG_URL'), name);
  return {
    MODE: 'distributed',
    EVENT_STORE: 'postgres',
    PG_URL: eventStore.url,
    READ_STORE: 'mongodb',
    MONGO_URL: new URL(eventStore.name, requireInfra('MONGO_URL')).toString(),
    EVENT_BUS: 'kafka',
    KAFKA_BROKERS: requireInfra('KAFKA_BROKERS'),
    KAFKA_GROUP_PREFIX: `${eventStore.name}.`,
    KAFKA_NEW_GROUPS_START_AT: 'now',
  };
};

/**
 * Registers an organisation through the contacts API as an agent would, and answers its first
 * administrator (Anna de Vries, authorised) as a principal with the organisation's id.
 */
export const registerOrganisation = async (desk: TestApp, name = 'Zorg') => {
  const agent: Principal = { id: 'agent-1', role: 'agent' };
  const { body } = await desk
    .as(agent)
    .post('/organisations')
    .send({
      name,
      slaPolicy: 'restore-time',
      administrator: { name: 'Anna de Vries', email: `anna@${name.toLowerCase()}.example`, language: 'nl' },
    })
    .expect(201);
  const administrator: Principal = {
    id: body.administratorId,
    role: 'customer_admin',
    organisationId: body.id,
  };
  await consumersCaughtUp(desk);
  return { id: body.id as string, administrator };
};

/**
 * Until every consumer group of the desk has handled what is in the store (in process: the
 * tickets' directory holds an organisation the contacts API just registered), as a client would
 * retry a 403 for a contact not known yet. Gives up after 15 s; the test's next step then says why.
 */
export const consumersCaughtUp = async (desk: TestApp, ms = 15000) => {
  const lags = desk.app.get(LagRegistry, { strict: false });
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    // A lag that cannot be told (a broker not yet joined) is a string: nothing to wait for then.
    const behind = Object.values((await lags.report()).consumer_group).some(
      (lag) => typeof lag === 'number' && lag > 0,
    );
    if (!behind) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
