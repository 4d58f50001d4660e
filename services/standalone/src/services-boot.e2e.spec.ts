import { configureHttp, serviceRootModule, ServiceDefinition } from '@helpdesk/platform';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { desk, standaloneService } from './standalone.service';

const boot = async (service: ServiceDefinition): Promise<INestApplication> => {
  const moduleRef = await Test.createTestingModule({ imports: [serviceRootModule(service)] }).compile();
  const app = configureHttp(moduleRef.createNestApplication({ logger: false }), service);
  await app.init();
  return app;
};

describe.each([...desk, standaloneService].map((s) => [s.name, s] as const))(
  'the %s service',
  (_name, service) => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await boot(service);
    });
    afterAll(() => app.close());

    it('is live', () => request(app.getHttpServer()).get('/health/live').expect(200, { status: 'live' }));

    it('is ready when its dependencies answer', async () => {
      const response = await request(app.getHttpServer()).get('/health/ready').expect(200);
      expect(response.body.status).toBe('ready');
    });

    it('serves its OpenAPI document', async () => {
      const response = await request(app.getHttpServer()).get('/docs/openapi.json').expect(200);
      expect(response.body.info.title).toBe(`helpdesk ${service.name}`);
      expect(response.body.paths['/health/ready']).toBeDefined();
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
