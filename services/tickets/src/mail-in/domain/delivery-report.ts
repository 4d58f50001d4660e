import { type DeliveryReport, withoutAddresses } from '@helpdesk/contracts';
import type { IncomingMail } from './incoming-mail';
import { isDeliveryReport } from './noise';

/** Header-style fields (RFC 5322 2.2, RFC 3464 2.1): folded lines joined, names lower case; one block per blank line. */
const fieldBlocks = (text: string): Record<string, string>[] =>
  text
    .replace(/\r\n/g, '\n')
    .replace(/\n[ \t]+/g, ' ')
    .split(/\n\s*\n/)
    .map((block) => {
      const fields: Record<string, string> = {};
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        if (colon <= 0) continue;
        fields[line.slice(0, colon).trim().toLowerCase()] ??= line.slice(colon + 1).trim();
      }
      return fields;
    })
    .filter((fields) => Object.keys(fields).length > 0);

/** `rfc822; anna@zorg.example` names its address type first. */
const withoutType = (value: string | undefined) => value?.replace(/^[\w-]+;\s*/, '').trim() || undefined;

/**
 * What a bounce says about the message it returns: the first recipient that failed (or was
 * delayed), and the returned message's Message-ID. Undefined for any other mail, and for a
 * report that delivered (RFC 3464 allows success reports too), or names no Message-ID.
 */
export const deliveryReportOf = (mail: IncomingMail): DeliveryReport | undefined => {
  if (!isDeliveryReport(mail) || !mail.report) return undefined;
  const blocks = fieldBlocks(mail.report.deliveryStatus);
  const recipient = blocks.find((b) => /^(failed|delayed)$/i.test(b.action ?? ''));
  const [returned] = fieldBlocks(mail.report.returnedHeaders);
  const messageId = /<[^<>\s]+>/.exec(returned?.['message-id'] ?? '')?.[0];
  if (!recipient || !messageId) return undefined;
  const status = /\d\.\d{1,3}\.\d{1,3}/.exec(recipient.status ?? '')?.[0] ?? recipient.status ?? '';
  const finalRecipient = withoutType(recipient['final-recipient'] ?? recipient['original-recipient']);
  const diagnostic = withoutType(recipient['diagnostic-code']);
  return {
    messageId,
    action: recipient.action.toLowerCase(),
    status: status.slice(0, 20),
    ...(finalRecipient ? { recipient: finalRecipient.slice(0, 320) } : {}),
    ...(diagnostic ? { diagnostic: withoutAddresses(diagnostic).slice(0, 500) } : {}),
  };
};
