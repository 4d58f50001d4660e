import type { IncomingMessage, ServerResponse } from 'node:http';
import { portalHealth } from './health';

const urls = {
  tickets: 'http://tickets:80',
  contacts: 'http://contacts:80',
  slaMonitor: 'http://sla:80',
  notifications: 'http://notifications:80',
  releases: 'http://releases:80',
};

const ask = async (health: ReturnType<typeof portalHealth>, path: string) => {
  const answer = { status: 0, body: '' };
  const res = {
    writeHead: (status: number) => (answer.status = status),
    end: (body: string) => (answer.body = body),
  } as unknown as ServerResponse;
  const answered = await health({ method: 'GET', url: path } as IncomingMessage, res);
  return { answered, status: answer.status, body: answer.body ? JSON.parse(answer.body) : undefined };
};

describe("the portal's probes", () => {
  it('is started and live once it listens, whatever the desk does', async () => {
    const health = portalHealth(() => undefined, (() => Promise.reject(new Error('down'))) as typeof fetch);
    expect(await ask(health, '/health/started')).toMatchObject({ answered: true, status: 200 });
    expect(await ask(health, '/health/live')).toMatchObject({ answered: true, status: 200 });
  });

  it('is ready only while tickets and contacts answer, and names the one that does not', async () => {
    let contactsUp = true;
    const fetchImpl = (async (url: string) =>
      new Response('{}', {
        status: url.startsWith(urls.contacts) && !contactsUp ? 503 : 200,
      })) as typeof fetch;
    expect(
      await ask(
        portalHealth(() => urls, fetchImpl),
        '/health/ready',
      ),
    ).toMatchObject({
      status: 200,
      body: { status: 'ready' },
    });
    contactsUp = false;
    expect(
      await ask(
        portalHealth(() => urls, fetchImpl),
        '/health/ready',
      ),
    ).toMatchObject({
      status: 503,
      body: { unreachable: ['contacts'] },
    });
  });

  it('leaves every other path to the portal', async () => {
    const health = portalHealth(() => urls, (async () => new Response('{}')) as typeof fetch);
    expect((await ask(health, '/tickets')).answered).toBe(false);
    expect((await ask(health, '/health/other')).answered).toBe(false);
  });
});
