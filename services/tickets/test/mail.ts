import { ImapFlow } from 'imapflow';
import MailComposer from 'nodemailer/lib/mail-composer';

/** A raw RFC 5322 message to the support address (overridable), as a mail client would send it. */
export const composeMail = (mail: ConstructorParameters<typeof MailComposer>[0]) =>
  new Promise<Buffer>((resolve, reject) =>
    new MailComposer({ to: 'support@vendor.example', ...mail })
      .compile()
      .build((error, raw) => (error ? reject(error) : resolve(raw))),
  );

/**
 * A folder of its own on the Dovecot `npm run infra:up` starts (IMAP_URL in .infra/env), so a suite
 * does not read another's mails: its URL for the desk, and a client to fill it with.
 */
export const imapFolder = (folder: string) => {
  const url = process.env.IMAP_URL;
  if (!url) throw new Error('IMAP_URL is not set: run `npm run infra:up` (it starts Dovecot)');
  const folderUrl = new URL(url);
  folderUrl.pathname = `/${folder}`;
  const mailbox = new ImapFlow({
    host: folderUrl.hostname,
    port: Number(folderUrl.port),
    secure: false,
    auth: { user: folderUrl.username, pass: folderUrl.password },
    logger: false,
  });
  /** Connects, and empties the folder (creating it the first time). */
  const open = async () => {
    await mailbox.connect();
    await mailbox.mailboxCreate(folder).catch(() => undefined);
    await mailbox.mailboxOpen(folder);
    await mailbox.messageDelete('1:*').catch(() => undefined);
  };
  return { url: folderUrl.toString(), mailbox, open };
};
