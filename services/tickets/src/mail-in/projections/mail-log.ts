import type { MailReceived } from '@helpdesk/contracts';
import type { Projection, View } from '@helpdesk/read-models';

/** One received mail as agents read it in the mail log: its latest decision. */
export type MailLogEntry = View & MailReceived['data'] & { decisions: number };

export const mailLogProjection: Projection<MailLogEntry> = {
  name: 'mail-log',
  documentId: (event) =>
    event.streamId.startsWith('mail-') ? (event.data as MailReceived['data']).mailId : undefined,
  evolve: (current, stored) => ({
    ...(stored.data as MailReceived['data']),
    id: (stored.data as MailReceived['data']).mailId,
    revision: stored.revision,
    decisions: (current?.decisions ?? 0) + 1,
  }),
};
