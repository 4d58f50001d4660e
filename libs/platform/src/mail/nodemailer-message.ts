import type { SendMailOptions } from 'nodemailer';
import type { OutgoingMail } from './mail-transport';

/**
 * The same headers whichever way the message leaves: our Message-ID, the ticket's thread, and,
 * answering the recipient's own mail, In-Reply-To and References naming it (RFC 5322 3.6.4).
 */
export const nodemailerMessage = (mail: OutgoingMail): SendMailOptions => ({
  from: mail.from,
  to: mail.to.name ? { name: mail.to.name, address: mail.to.email } : mail.to.email,
  subject: mail.subject,
  text: mail.text,
  html: mail.html,
  messageId: mail.messageId,
  references: mail.inReplyTo ? [mail.inReplyTo, mail.references] : mail.references,
  ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
});
