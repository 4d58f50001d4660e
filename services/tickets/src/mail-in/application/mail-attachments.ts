import { ALLOWED_CONTENT_TYPES, MAX_ATTACHMENT_BYTES, MAX_FILE_NAME_LENGTH } from '../../domain';
import type { MailFile } from '../adapters/parse-mail';

const allowed: readonly string[] = ALLOWED_CONTENT_TYPES;

/**
 * The files of a mail that may go on the ticket, under the same limits as the API's uploads, and
 * the original message itself (`message/rfc822`), so agents always have what was sent.
 */
export const attachableFiles = (files: MailFile[], original: Buffer, mailId: string): MailFile[] => [
  ...files
    .filter((f) => allowed.includes(f.contentType.toLowerCase()) && f.content.length <= MAX_ATTACHMENT_BYTES)
    .map((f) => ({ ...f, fileName: f.fileName.replace(/[\\/\r\n]/g, '_').slice(0, MAX_FILE_NAME_LENGTH) })),
  ...(original.length <= MAX_ATTACHMENT_BYTES
    ? [{ fileName: `mail-${mailId}.eml`, contentType: 'message/rfc822', content: original }]
    : []),
];
