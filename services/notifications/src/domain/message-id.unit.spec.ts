import { messageIdFor, ticketThreadIdFor } from './message-id';

describe('Message-IDs', () => {
  it('are the same for the same event and recipient, and differ otherwise', () => {
    expect(messageIdFor('event-1/contact:42')).toBe(messageIdFor('event-1/contact:42'));
    expect(messageIdFor('event-1/contact:42')).not.toBe(messageIdFor('event-1/contact:43'));
  });

  it('have the form RFC 5322 asks for', () => {
    expect(messageIdFor('event-1/contact:42')).toMatch(/^<[0-9a-f]{40}@helpdesk\.local>$/);
    expect(messageIdFor('event-1/contact:42', 'mail.example.com')).toMatch(/@mail\.example\.com>$/);
  });

  it('name one thread per ticket', () => {
    expect(ticketThreadIdFor('6f1c2a8e-3b7d')).toBe('<ticket.6f1c2a8e-3b7d@helpdesk.local>');
  });
});
