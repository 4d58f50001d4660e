import type { MailReceived } from '@helpdesk/contracts';
import { ERASED } from '@helpdesk/personal-data';
import type { Projection, View } from '@helpdesk/read-models';

/** One received mail as agents read it in the mail log: its latest decision. */
export type MailLogEntry = View & MailReceived['data'] & { decisions: number };

export const mailLogProjection: Projection<MailLogEntry> = {
  name: 'mail-log',
  documentId: (event) =>
    event.streamId.startsWith('mail-') ? (event.data as MailReceived['data']).mailId : undefined,
  evolve: (current, stored) => {
    const entry: MailLogEntry = {
      ...(stored.data as MailReceived['data']),
      id: (stored.data as MailReceived['data']).mailId,
      revision: stored.revision,
      decisions: (current?.decisions ?? 0) + 1,
    };
    return entry.from === ERASED ? forgetSender(entry) : entry;
  },
};

/**
 * What the mail log keeps of a mail from an erased person: that it came and what became of it,
 * not the address it came from or its subject line. The same whether the log forgets it on
 * ContactErased or is rebuilt after (the sender's address then opens as ERASED). The original's
 * id stays (a hash, naming no one), so an interrupted erasure deletes the original when repeated.
 */
export const forgetSender = (entry: MailLogEntry): MailLogEntry => {
  const { bounce, ...kept } = entry;
  const {
    recipient: _recipient,
    diagnostic: _diagnostic,
    ...report
  } = bounce ?? ({} as NonNullable<typeof bounce>);
  return { ...kept, from: ERASED, subject: '', ...(bounce ? { bounce: report } : {}) };
};
