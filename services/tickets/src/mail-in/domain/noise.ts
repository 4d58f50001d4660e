import type { IncomingMail } from './incoming-mail';

/**
 * Why a mail is noise that no one should answer (RFC 3834 and common practice), or undefined.
 * Answering any of these risks a mail loop, or mails a list.
 */
export const noiseReason = (mail: IncomingMail, ownAddresses: readonly string[]): string | undefined => {
  const header = (name: string) => mail.headers[name]?.trim().toLowerCase();
  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted && autoSubmitted !== 'no') return `Auto-Submitted: ${autoSubmitted}`;
  const precedence = header('precedence');
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence))
    return `Precedence: ${precedence}`;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-auto-response-suppress']) {
    if (header(name) !== undefined && !(name === 'x-auto-response-suppress' && header(name) === 'none'))
      return `${name} header`;
  }
  for (const name of ['list-id', 'list-unsubscribe', 'list-post']) {
    if (header(name) !== undefined) return `mailing list (${name})`;
  }
  if (ownAddresses.includes(mail.from)) return 'sent by the desk itself';
  if (/^(mailer-daemon|postmaster)@/.test(mail.from) || isDeliveryReport(mail))
    return 'delivery status notification';
  return undefined;
};

/** A bounce: `multipart/report; report-type=delivery-status` (RFC 3464). */
export const isDeliveryReport = (mail: IncomingMail) =>
  /multipart\/report/i.test(mail.headers['content-type'] ?? '') &&
  /delivery-status/i.test(mail.headers['content-type'] ?? '');
