import { Writable } from 'node:stream';
import pino from 'pino';
import { loggerOptions } from './logger-options';
import { redactQuery, redactSecrets } from './redaction';

describe('redactSecrets', () => {
  it('removes passwords from the URLs of SMTP, PostgreSQL and MongoDB', () => {
    expect(redactSecrets('SMTP_URL="smtps://desk:s3cr3t@mail.example.com:465" is invalid')).toBe(
      'SMTP_URL="smtps://desk:[redacted]@mail.example.com:465" is invalid',
    );
    expect(redactSecrets('connect postgres://app:p%40ss@db:5432/helpdesk failed')).toBe(
      'connect postgres://app:[redacted]@db:5432/helpdesk failed',
    );
    expect(redactSecrets('mongodb+srv://reader:hunter2@cluster0.example.net/desk')).toBe(
      'mongodb+srv://reader:[redacted]@cluster0.example.net/desk',
    );
  });

  it('keeps URLs without credentials as they are', () => {
    expect(redactSecrets('listening on http://127.0.0.1:3001 (OpenAPI http://127.0.0.1:3001/docs)')).toBe(
      'listening on http://127.0.0.1:3001 (OpenAPI http://127.0.0.1:3001/docs)',
    );
  });

  it('removes tokens from query strings, bearer and basic credentials, and bare JWTs', () => {
    expect(redactSecrets('/files?name=a&access_token=abc.def&x=1')).toBe(
      '/files?name=a&access_token=[redacted]&x=1',
    );
    expect(redactSecrets('"authorization":"Bearer eyJhbGciOi.eyJzdWIi.c2lnbmF0"')).toBe(
      '"authorization":"Bearer [redacted]"',
    );
    expect(redactSecrets('Basic dXNlcjpwYXNz')).toBe('Basic [redacted]');
    expect(redactSecrets('token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.sig-nature_1 seen')).toBe(
      'token [redacted] seen',
    );
  });

  it('removes the values of secret-named query parameters', () => {
    expect(redactQuery({ token: 'x', status: 'open', API_KEY: 'y' })).toEqual({
      token: '[redacted]',
      status: 'open',
      API_KEY: '[redacted]',
    });
  });
});

describe('the log lines of a request', () => {
  it('carry no authorization header, cookie or set-cookie, and no secret in the URL or the message', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const { redact, hooks, serializers, base } = loggerOptions('tickets', 'info');
    const logger = pino({ redact, hooks, serializers, base }, destination);
    logger.info(
      {
        req: {
          url: '/tickets?token=tok-123',
          query: { token: 'tok-123' },
          headers: { authorization: 'Bearer abc', cookie: 'session=cookie-456' },
        },
        res: { headers: { 'set-cookie': 'session=cookie-789' } },
      },
      'failed with SMTP_URL smtp://u:pw-000@mail',
    );
    const line = lines.join('');
    for (const secret of ['tok-123', 'Bearer abc', 'cookie-456', 'cookie-789', 'pw-000'])
      expect(line).not.toContain(secret);
    expect(JSON.parse(line)).toMatchObject({
      service: 'tickets',
      req: { headers: { authorization: '[redacted]', cookie: '[redacted]' }, query: { token: '[redacted]' } },
      res: { headers: { 'set-cookie': '[redacted]' } },
    });
  });
});
