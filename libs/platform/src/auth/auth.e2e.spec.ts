import { Controller, Get, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configureHttp } from '../http/start-service';
import { httpAdapter, initHttp } from '../http/http-adapter';
import { PlatformModule } from '../platform.module';
import { CurrentPrincipal, Roles } from './auth.decorators';
import { RequiresScope } from './scopes';
import type { Principal } from './principal';
import { signDevToken } from './token-verifier';
import { SignJWT } from 'jose';

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

  @Get('writes-tickets')
  @RequiresScope('tickets:write')
  writesTickets() {
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
    process.env.AUTH_MAX_TOKEN_LIFETIME = '12h';
    const moduleRef = await Test.createTestingModule({
      imports: [PlatformModule.forRoot({ service: 'test' })],
      controllers: [WhoAmIController],
    }).compile();
    app = configureHttp(
      moduleRef.createNestApplication<NestFastifyApplication>(httpAdapter('test'), { logger: false }),
      {
        name: 'test',
        description: '',
      },
    );
    await initHttp(app);
  });
  afterAll(async () => {
    delete process.env.AUTH_JWT_SECRET;
    delete process.env.AUTH_MAX_TOKEN_LIFETIME;
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
    expect(response.headers['www-authenticate']).toBe('Bearer realm="helpdesk"');
  });

  const signed = (claims: Record<string, unknown>, build: (jwt: SignJWT) => SignJWT = (jwt) => jwt) =>
    build(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('a-1')).sign(
      new TextEncoder().encode(secret),
    );

  it('refuses a token without exp, with an invalid_token challenge', async () => {
    const response = await get('/whoami', await signed({ role: 'agent' }, (jwt) => jwt.setIssuedAt())).expect(
      401,
    );
    expect(response.body.detail).toMatch(/"exp"/);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="helpdesk", error="invalid_token"/);
  });

  it('refuses a token that lives longer than AUTH_MAX_TOKEN_LIFETIME, or is not valid yet', async () => {
    const long = await signed({ role: 'agent' }, (jwt) => jwt.setIssuedAt().setExpirationTime('13h'));
    expect((await get('/whoami', long).expect(401)).body.detail).toMatch(/longer than the 43200 s allowed/);
    const early = await signed({ role: 'agent' }, (jwt) =>
      jwt.setIssuedAt().setExpirationTime('2h').setNotBefore('1h'),
    );
    expect((await get('/whoami', early).expect(401)).body.detail).toMatch(/nbf/);
  });

  it('refuses a token with an unknown scope', async () => {
    const token = await signDevToken(secret, { id: 'a-1', role: 'agent' }, { scopes: ['tickets:rule'] });
    expect((await get('/whoami', token).expect(401)).body.detail).toMatch(/unknown scopes tickets:rule/);
  });

  it('answers 403 naming the missing scope, with an insufficient_scope challenge', async () => {
    const reader = await signDevToken(secret, { id: 'a-1', role: 'agent' }, { scopes: ['tickets:read'] });
    const response = await get('/whoami/writes-tickets', reader).expect(403);
    expect(response.body.detail).toBe('this token lacks the scope tickets:write (it has tickets:read)');
    expect(response.headers['www-authenticate']).toMatch(
      /error="insufficient_scope".*, scope="tickets:write"$/,
    );
    const writer = await signDevToken(secret, { id: 'a-1', role: 'agent' }, { scopes: ['tickets:write'] });
    await get('/whoami/writes-tickets', writer).expect(200);
  });

  it("gives people their role's scopes when the token names none, and a system only what it carries", async () => {
    await get('/whoami/writes-tickets', await signDevToken(secret, { id: 'a-1', role: 'agent' })).expect(200);
    const customer = await signDevToken(secret, {
      id: 'c-1',
      role: 'customer_employee',
      organisationId: 'o-1',
    });
    await get('/whoami/writes-tickets', customer).expect(200);
    const system = await signDevToken(secret, { id: 'erp', role: 'system' });
    expect((await get('/whoami/writes-tickets', system).expect(403)).body.detail).toMatch(/it has none/);
    const trusted = await signDevToken(secret, { id: 'erp', role: 'system' }, { scopes: ['tickets:write'] });
    await get('/whoami/writes-tickets', trusted).expect(200);
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
