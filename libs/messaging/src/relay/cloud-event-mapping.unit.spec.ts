import type { StoredEvent } from '@helpdesk/event-store';
import { cloudEventType, toCloudEvent, traceparent } from './cloud-event-mapping';

const stored: StoredEvent = {
  id: '6f1c2a4e-0000-4000-8000-000000000001',
  type: 'CommentAdded',
  data: { ticketId: 't-1', body: 'hello' },
  metadata: { correlationId: 'req-1', causationId: 'req-1' },
  streamId: 'ticket-t-1',
  revision: 3,
  position: 42n,
  recordedAt: new Date('2026-11-24T10:00:00Z'),
};

describe('CloudEvents mapping', () => {
  it.each([
    ['TicketRegistered', 'helpdesk.ticket.registered.v1'],
    ['CommentAdded', 'helpdesk.ticket.comment-added.v1'],
    ['ReassessmentRequested', 'helpdesk.ticket.reassessment-requested.v1'],
  ])('names %s %s', (type, expected) => expect(cloudEventType('ticket', type)).toBe(expected));

  it('carries the event id, subject, order and causality', () =>
    expect(
      toCloudEvent(stored, { source: '/helpdesk/tickets', aggregate: 'ticket', streamPrefix: 'ticket-' }),
    ).toEqual({
      specversion: '1.0',
      id: stored.id,
      source: '/helpdesk/tickets',
      type: 'helpdesk.ticket.comment-added.v2',
      subject: 't-1',
      time: '2026-11-24T10:00:00.000Z',
      datacontenttype: 'application/json',
      dataschema: 'urn:helpdesk:schema:helpdesk.ticket.comment-added.v2',
      sequence: '3',
      correlationid: 'req-1',
      causationid: 'req-1',
      data: stored.data,
    }));

  it('puts the events of one request in one trace', () => {
    const other = { ...stored, id: '6f1c2a4e-0000-4000-8000-000000000002' };
    const [a, b] = [traceparent(stored), traceparent(other)];
    expect(a).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(a.split('-')[1]).toBe(b.split('-')[1]);
    expect(a.split('-')[2]).not.toBe(b.split('-')[2]);
  });
});
