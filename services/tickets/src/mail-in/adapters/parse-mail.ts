import EmailReplyParser from 'email-reply-parser';
import { convert } from 'html-to-text';
import PostalMime, { type Address } from 'postal-mime';
import type { IncomingMail } from '../domain';

/** A file that came with the mail, to attach to the ticket under the API's limits. */
export interface MailFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

export interface ParsedMail {
  mail: IncomingMail;
  /** The whole new text (HTML made text), before quoted history is stripped. */
  fullText: string;
  files: MailFile[];
  recipients: number;
  original: Buffer;
}

export class MalformedMailError extends Error {}

const addresses = (list: Address[] | undefined): string[] =>
  (list ?? [])
    .flatMap((a) => (a.group ? a.group : [a]))
    .map((a) => a.address?.trim().toLowerCase() ?? '')
    .filter((a) => a.includes('@'));

const MESSAGE_ID = /<[^<>\s]+>/g;

/**
 * Reads a raw message with postal-mime (charsets, encoded words, nested parts): HTML becomes
 * text (the HTML itself stays in the original .eml the ticket keeps), and the reply loses its
 * quoted history and signature (email-reply-parser).
 */
export const parseMail = async (raw: Buffer): Promise<ParsedMail> => {
  let email;
  try {
    email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer', maxNestingDepth: 50 });
  } catch (error) {
    throw new MalformedMailError(`malformed MIME: ${(error as Error).message}`);
  }
  const from = email.from && !email.from.group ? email.from : undefined;
  if (!from?.address?.includes('@')) throw new MalformedMailError('malformed MIME: no sender address');
  if (!email.messageId) throw new MalformedMailError('malformed MIME: no Message-ID');
  const headers: Record<string, string> = {};
  for (const { key, value } of email.headers) headers[key] ??= value;
  const fullText = (email.text?.trim() ? email.text : convert(email.html ?? '', { wordwrap: false })).trim();
  const reply = new EmailReplyParser().parseReply(fullText).trim() || fullText;
  const files: MailFile[] = email.attachments.map((a, i) => ({
    fileName: a.filename ?? `part-${i + 1}`,
    contentType: a.mimeType,
    content: Buffer.from(a.content as ArrayBuffer),
  }));
  const partText = (...types: string[]) => {
    const part = files.find((f) => types.includes(f.contentType.toLowerCase()));
    return part?.content.toString('utf8');
  };
  // A bounce (RFC 3464): the status of each recipient, and the headers of the message it returns.
  const deliveryStatus = partText('message/delivery-status', 'message/global-delivery-status');
  const returnedHeaders = partText('text/rfc822-headers', 'message/rfc822', 'message/global') ?? '';
  const to = addresses(email.to);
  const cc = addresses(email.cc);
  return {
    mail: {
      messageId: email.messageId,
      from: from.address.trim().toLowerCase(),
      fromName: from.name || undefined,
      to,
      cc,
      subject: email.subject ?? '',
      reply,
      headers,
      inReplyTo: email.inReplyTo?.match(MESSAGE_ID)?.[0],
      references: email.references?.match(MESSAGE_ID) ?? [],
      ...(deliveryStatus ? { report: { deliveryStatus, returnedHeaders } } : {}),
    },
    fullText,
    files,
    recipients: to.length + cc.length + addresses(email.bcc).length,
    original: raw,
  };
};
