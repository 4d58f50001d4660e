import { registerOrganisation, startTestApp } from '@helpdesk/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { standaloneService } from './standalone.service';

const agent = { id: 'agent-1', role: 'agent' as const };

describe('standalone mode (npm start)', () => {
  let dataDir: string;
  beforeAll(async () => (dataDir = await mkdtemp(join(tmpdir(), 'standalone-'))));
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps organisations and tickets across a restart, rebuilding its in-memory read models from the events', async () => {
    const first = await startTestApp(standaloneService, { DATA_DIR: dataDir });
    const { administrator: reporter } = await registerOrganisation(first);
    const ticket = (
      await first
        .as(reporter)
        .post('/tickets')
        .send({ kind: 'question', subject: 'How do I export?', description: 'Where is the button?' })
        .expect(201)
    ).body;
    await first.as(agent).post(`/tickets/${ticket.id}/triage`).send({ priority: 'P3' }).expect(200);
    await first
      .as(reporter)
      .post(`/tickets/${ticket.id}/attachments`)
      .attach('file', Buffer.from('log line'), { filename: 'log.txt', contentType: 'text/plain' })
      .expect(201);
    await first.close();

    const second = await startTestApp(standaloneService, { DATA_DIR: dataDir });
    try {
      const view = (await second.as(reporter).get(`/tickets/${ticket.id}`).expect(200)).body;
      expect(view).toMatchObject({ number: ticket.number, status: 'open', priority: 'P3' });
      const file = await second
        .as(agent)
        .get(`/tickets/${ticket.id}/attachments/${view.attachments[0].id}`)
        .expect(200);
      expect(file.text).toBe('log line');
      const { items } = (await second.as(reporter).get('/tickets').expect(200)).body;
      expect(items.map((t: { id: string }) => t.id)).toEqual([ticket.id]);
      const next = (
        await second
          .as(reporter)
          .post('/tickets')
          .send({ kind: 'wish', subject: 'Dark mode', description: 'Please' })
          .expect(201)
      ).body;
      expect(next.number).not.toBe(ticket.number);
    } finally {
      await second.close();
    }
  });
});
