import { deliveryReportOf } from './delivery-report';
import type { IncomingMail } from './incoming-mail';

const ours = '<5e1f0c3a.hd1.dGlja2V0.Y29udGFjdA.abcdefghijklmnopqrstuv@helpdesk.local>';
const bounce = (
  deliveryStatus: string,
  returnedHeaders = `From: support@vendor.example\nMessage-ID:\n ${ours}\nSubject: [HD-00001] Received\n`,
): IncomingMail => ({
  messageId: '<dsn-1@mx.zorg.example>',
  from: 'mailer-daemon@mx.zorg.example',
  to: ['support@vendor.example'],
  cc: [],
  subject: 'Undelivered Mail Returned to Sender',
  reply: '',
  headers: { 'content-type': 'multipart/report; report-type=delivery-status; boundary="B"' },
  references: [],
  report: { deliveryStatus, returnedHeaders },
});

const failed = `Reporting-MTA: dns; mx.zorg.example

Final-Recipient: rfc822; anna@zorg.example
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <anna@zorg.example>: Recipient address
 rejected: User unknown
`;

describe('a delivery status notification (RFC 3464)', () => {
  it('names the returned message, the recipient (sealed on append), the status and the remote words without addresses', () => {
    expect(deliveryReportOf(bounce(failed))).toEqual({
      messageId: ours,
      action: 'failed',
      status: '5.1.1',
      recipient: 'anna@zorg.example',
      diagnostic: '550 5.1.1 <address>: Recipient address rejected: User unknown',
    });
  });

  it('a report of success, one without the returned Message-ID, or any other mail is no bounce', () => {
    expect(deliveryReportOf(bounce(failed.replace('failed', 'delivered')))).toBeUndefined();
    expect(deliveryReportOf(bounce(failed, 'Subject: no id\n'))).toBeUndefined();
    expect(deliveryReportOf({ ...bounce(failed), headers: {} })).toBeUndefined();
  });
});
