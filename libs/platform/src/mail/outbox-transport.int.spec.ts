import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutboxTransport, outboxFileName } from './outbox-transport';

const mail = (messageId: string, to: string) => ({
  from: 'Helpdesk <helpdesk@desk.example>',
  to: { email: to, name: 'Bram' },
  subject: '[HD-00001] Received',
  text: 'We have your ticket.\n',
  html: '<p>We have your ticket.</p>',
  messageId,
  references: '<ticket-1@desk.example>',
});

describe('the standalone outbox', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'outbox-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes each message as an .eml named by its Message-ID, and forgets one on request', async () => {
    const outbox = new OutboxTransport(dir);
    await outbox.send(mail('<a1@desk.example>', 'bram@zorg.example'));
    await outbox.send(mail('<b2@desk.example>', 'anna@zorg.example'));
    expect((await readFile(join(dir, outboxFileName('<a1@desk.example>')), 'utf8')).toString()).toContain(
      'bram@zorg.example',
    );

    await outbox.forget('<a1@desk.example>');
    await outbox.forget('<a1@desk.example>'); // again: nothing left to drop, no error
    await outbox.forget('<never-sent@desk.example>');
    expect(await readdir(dir)).toEqual([outboxFileName('<b2@desk.example>')]);
  });
});
