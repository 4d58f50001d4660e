import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import type { MailTransport, OutgoingMail } from './mail-transport';
import { nodemailerMessage } from './nodemailer-message';

/**
 * Standalone mode's mail: each message written as an .eml file (open it in any mail client).
 * The file is named after the Message-ID, so a message written again replaces its own file.
 */
export class OutboxTransport implements MailTransport {
  private readonly composer = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(private readonly dir: string) {}

  async send(mail: OutgoingMail) {
    const { message } = (await this.composer.sendMail(nodemailerMessage(mail))) as { message: Buffer };
    await mkdir(this.dir, { recursive: true });
    const file = join(this.dir, outboxFileName(mail.messageId));
    // Written whole or not at all: a reader never sees half a message.
    await writeFile(`${file}.tmp`, message);
    await rename(`${file}.tmp`, file);
  }

  async forget(messageId: string) {
    await rm(join(this.dir, outboxFileName(messageId)), { force: true });
  }

  async close() {}
}

export const outboxFileName = (messageId: string) =>
  `${messageId.replace(/^<|>$/g, '').replace(/[^\w.@-]/g, '_')}.eml`;
