import {
  configureHttp,
  httpAdapter,
  initHttp,
  serviceRootModule,
  type ServiceDefinition,
} from '@helpdesk/platform';
import {
  conflictingSchemaNames,
  contractProblems,
  type OpenApiDocument,
  requireInfra,
} from '@helpdesk/testing';
import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { desk, standaloneService } from './standalone.service';

const boot = async (service: ServiceDefinition): Promise<INestApplication> => {
  const moduleRef = await Test.createTestingModule({ imports: [serviceRootModule(service)] }).compile();
  const app = configureHttp(
    moduleRef.createNestApplication<NestFastifyApplication>(httpAdapter(service.name), { logger: false }),
    service,
  );
  await initHttp(app);
  return app;
};

/** Each mode's OpenAPI document, for the check across them at the end. */
const documents: Record<string, OpenApiDocument> = {};

describe.each([...desk, standaloneService].map((s) => [s.name, s] as const))(
  'the %s service',
  (_name, service) => {
    let app: INestApplication;
    let dataDir: string;
    let saved: NodeJS.ProcessEnv;
    beforeAll(async () => {
      saved = { ...process.env };
      dataDir = await mkdtemp(join(tmpdir(), 'desk-'));
      // Distributed services run on the real local servers; standalone on its embedded defaults.
      const settings =
        service.defaultMode === 'distributed'
          ? {
              EVENT_STORE: 'postgres',
              PG_URL: requireInfra('PG_URL'),
              MONGO_URL: requireInfra('MONGO_URL'),
              // Notifications needs a mail server in distributed mode; .eml files stand in for it here.
              MAIL_TRANSPORT: 'outbox',
              DATA_DIR: dataDir,
            }
          : { DATA_DIR: dataDir };
      Object.assign(process.env, settings);
      app = await boot(service);
    });
    afterAll(async () => {
      await app.close();
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      await rm(dataDir, { recursive: true, force: true });
    });

    it('is live', async () => {
      const response = await request(app.getHttpServer()).get('/health/live').expect(200);
      expect(response.body.status).toBe('ok');
    });

    it('has started once its modules are up', async () => {
      const response = await request(app.getHttpServer()).get('/health/started').expect(200);
      expect(response.body.details.startup.status).toBe('up');
    });

    it('is ready when its event store and read store answer, and reports its lag', async () => {
      const response = await request(app.getHttpServer()).get('/health/ready');
      // Over Kafka the consumers join in the background: ready once they run.
      expect([200, 503]).toContain(response.status);
      const { details } = response.body;
      expect(details['event-store']).toEqual({ status: 'up' });
      if (service.defaultMode === 'distributed') expect(details['read-store']).toEqual({ status: 'up' });
      expect(details.lag).toMatchObject({ status: 'up', maxLag: null });
      expect(
        Object.keys(details.lag.projection).length + Object.keys(details.lag.consumer_group).length,
      ).toBeGreaterThan(0);
    });

    it('serves its OpenAPI document', async () => {
      const response = await request(app.getHttpServer()).get('/docs/openapi.json').expect(200);
      expect(response.body.info.title).toBe(`helpdesk ${service.name}`);
      const { paths } = response.body;
      expect(Object.keys(paths['/health/live'].get.responses)).toEqual(['200']);
      for (const probe of ['/health/ready', '/health/started'])
        expect(Object.keys(paths[probe].get.responses).sort()).toEqual(['200', '503']);
      documents[service.name] = response.body;
    });

    it('documents every operation: success schema, problem+json errors, scopes, unique operationIds', async () => {
      const response = await request(app.getHttpServer()).get('/docs/openapi.json').expect(200);
      expect(Object.keys(response.body.paths).length).toBeGreaterThan(1);
      expect(contractProblems(response.body)).toEqual([]);
    });

    it('exposes Prometheus metrics', async () => {
      const response = await request(app.getHttpServer()).get('/metrics').expect(200);
      expect(response.text).toMatch(/^# HELP /m);
    });

    it('answers an unknown route with problem+json', async () => {
      const response = await request(app.getHttpServer()).get('/no-such-route').expect(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 404, title: 'Not found', instance: '/no-such-route' });
    });
  },
);

describe('the OpenAPI documents together', () => {
  it('give every schema name one meaning, in each service and in standalone mode', () => {
    expect(Object.keys(documents).sort()).toEqual([...desk, standaloneService].map((s) => s.name).sort());
    expect(conflictingSchemaNames(documents)).toEqual([]);
  });
});
