import { Body, Controller, type INestApplication, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { IsIn, IsString, MaxLength } from 'class-validator';
import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configureHttp } from '../http/start-service';
import { httpAdapter, initHttp } from '../http/http-adapter';

class RegisterThing {
  @IsString()
  @MaxLength(10)
  subject!: string;

  @IsIn(['P1', 'P2'])
  priority!: string;
}

class ThingClosed extends Error {
  readonly kind = 'illegal_transition';
  readonly code = 'thing_closed';
}

const written: RegisterThing[] = [];

@Controller('things')
class ThingsController {
  @Post()
  register(@Body() body: RegisterThing) {
    written.push(body);
    return { ok: true };
  }

  @Post('closed')
  closed() {
    throw new ThingClosed('A closed thing takes no comments; reopen it first.');
  }

  @Post('crash')
  crash() {
    throw new Error('secret internals');
  }
}

describe('errors as problem+json', () => {
  let app: INestApplication;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [ThingsController] }).compile();
    app = configureHttp(
      moduleRef.createNestApplication<NestFastifyApplication>(httpAdapter('test'), { logger: false }),
      {
        name: 'test',
        description: 'test',
      },
    );
    await initHttp(app);
  });
  afterAll(() => app.close());
  beforeEach(() => (written.length = 0));

  it('names each invalid field and the reason, and runs nothing', async () => {
    const response = await request(app.getHttpServer())
      .post('/things')
      .send({ subject: 'far too long a subject', priority: 'P9' })
      .expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 400, title: 'Invalid input', instance: '/things' });
    expect(response.body.errors).toEqual([
      { field: 'subject', reason: 'subject must be shorter than or equal to 10 characters' },
      { field: 'priority', reason: 'priority must be one of the following values: P1, P2' },
    ]);
    expect(written).toEqual([]);
  });

  it('refuses unknown fields instead of dropping them', async () => {
    const response = await request(app.getHttpServer())
      .post('/things')
      .send({ subject: 'ok', priority: 'P1', priorty: 'P2' })
      .expect(400);
    expect(response.body.errors).toEqual([{ field: 'priorty', reason: 'property priorty should not exist' }]);
    expect(written).toEqual([]);
  });

  it('maps a domain refusal by its kind, keeping its message', async () => {
    const response = await request(app.getHttpServer()).post('/things/closed').expect(409);
    expect(response.body).toMatchObject({
      type: 'https://helpdesk.example/problems/thing-closed',
      status: 409,
      detail: 'A closed thing takes no comments; reopen it first.',
    });
  });

  it('hides internals of unexpected errors', async () => {
    const response = await request(app.getHttpServer()).post('/things/crash').expect(500);
    expect(response.body.detail).not.toContain('secret');
  });
});
