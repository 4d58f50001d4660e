import { Controller, Get, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { configureHttp } from '../http/start-service';
import { PlatformModule } from '../platform.module';
import { CurrentPrincipal, Roles } from './auth.decorators';
import type { Principal } from './principal';
import { signDevToken } from './token-verifier';

const secret = 'a-test-secret-that-is-long-enough-for-hs256';

@Controller('whoami')
class WhoAmIController {
  @Get()
  whoami(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @Get('agents-only')
  @Roles('agent')
  agentsOnly() {
    return { ok: true };
  }
}

describe('bearer-token auth on every route', () => {
  let app: INestApplication;
  const get = (path: string, token?: string) => {
    const call = request(app.getHttpServer()).get(path);
    return token ? call.set('Authorization', `Bearer ${token}`) : call;
  };

  beforeAll(async () => {
    process.env.AUTH_JWT_SECRET = secret;
    const moduleRef = await Test.createTestingModule({
      imports: [PlatformModule.forRoot({ service: 'test' })],
      controllers: [WhoAmIController],
    }).compile();
    app = configureHttp(moduleRef.createNestApplication({ logger: false }), {
      name: 'test',
      description: '',
    });
    await app.init();
  });
  afterAll(async () => {
    delete process.env.AUTH_JWT_SECRET;
    await app.close();
  });

  it('reads the principal from a valid token', async () => {
    const token = await signDevToken(secret, {
      id: 'c-7',
      role: 'customer_employee',
      organisationId: 'org-1',
    });
    await get('/whoami', token).expect(200, {
      id: 'c-7',
      role: 'customer_employee',
      organisationId: 'org-1',
    });
  });

  it('answers 401 problem+json without a token', async () => {
    const response = await get('/whoami').expect(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.detail).toMatch(/bearer token is required/);
  });

  it('refuses a token signed with another secret', async () => {
    const forged = await signDevToken('some-other-secret-also-long-enough-xx', { id: 'a-1', role: 'agent' });
    const response = await get('/whoami', forged).expect(401);
    expect(response.body.detail).toMatch(/signature/);
  });

  it('refuses an expired token', async () => {
    const expired = await signDevToken(secret, { id: 'a-1', role: 'agent' }, { expiresIn: '-1m' });
    await get('/whoami', expired).expect(401);
  });

  it('answers 403 when the role may not call the route', async () => {
    const token = await signDevToken(secret, { id: 'c-1', role: 'customer_admin', organisationId: 'org-1' });
    const response = await get('/whoami/agents-only', token).expect(403);
    expect(response.body.detail).toBe('this needs one of the roles agent');
    await get('/whoami/agents-only', await signDevToken(secret, { id: 'a-1', role: 'agent' })).expect(200);
  });

  it('keeps health and metrics public', async () => {
    await get('/health/live').expect(200);
    await get('/metrics').expect(200);
  });
});
