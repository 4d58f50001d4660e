import { SUPERSEDED_MAIL_EVENTS } from '@helpdesk/contracts';
import { ERASED } from '@helpdesk/personal-data';
import { foldView, type ProjectedEvent } from '@helpdesk/read-models';
import { forgetSender, mailLogProjection } from './mail-log';

// The projection reads mails opened (the decode seam): the clear version 1 example.
const received = (data: object = {}): ProjectedEvent => {
  const example = SUPERSEDED_MAIL_EVENTS[0].example as { mailId: string };
  return {
    streamId: `mail-${example.mailId}`,
    revision: 0,
    position: 0n,
    type: 'MailReceived',
    data: { ...example, ...data },
    recordedAt: new Date(),
  };
};

describe('the mail log', () => {
  const bounce = {
    messageId: '<m@desk>',
    action: 'failed',
    status: '5.1.1',
    recipient: 'bram@zorg.example',
    diagnostic: '550 bram@zorg.example unknown',
  };

  it('keeps the sender and subject of a mail from a person not erased', () => {
    expect(foldView(mailLogProjection, [received({ subject: 'Export kapot' })])).toMatchObject({
      from: 'bram@zorg.example',
      subject: 'Export kapot',
    });
  });

  it('shows a mail of an erased sender, rebuilt, as the erasure left it: no address, subject or bounce recipient', () => {
    const live = foldView(mailLogProjection, [received({ subject: 'Bram here', bounce })])!;
    const rebuilt = foldView(mailLogProjection, [
      received({ subject: 'Bram here', from: ERASED, bounce: { ...bounce, recipient: ERASED } }),
    ]);
    expect(rebuilt).toEqual(forgetSender(live));
    expect(JSON.stringify(rebuilt)).not.toMatch(/bram/i);
    expect(rebuilt).toMatchObject({ from: ERASED, subject: '', bounce: { status: '5.1.1' } });
    expect(rebuilt?.originalId).toBe(live.originalId);
  });
});
