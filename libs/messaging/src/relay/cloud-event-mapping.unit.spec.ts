import type { StoredEvent } from '@helpdesk/event-store';
import { cloudEventType, toCloudEvent, toCloudEvents } from './cloud-event-mapping';

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

  describe('an event with an earlier version still published (AttachmentAdded v2, v1 beside it)', () => {
    const tickets = { source: '/helpdesk/tickets', aggregate: 'ticket', streamPrefix: 'ticket-' };
    const attachment = {
      attachmentId: 'a-1',
      fileName: 'export.log',
      contentType: 'text/plain',
      sha256: 'ab',
    };
    const messagesOf = (event: StoredEvent) =>
      toCloudEvents(event, tickets).map(({ id, type, dataschema, sequence, data }) => ({
        id,
        type,
        dataschema,
        sequence,
        data,
      }));
    const expected = [
      {
        id: stored.id,
        type: 'helpdesk.ticket.attachment-added.v2',
        dataschema: 'urn:helpdesk:schema:helpdesk.ticket.attachment-added.v2',
        sequence: '3',
        data: { ...attachment, sizeBytes: 512 },
      },
      {
        id: stored.id,
        type: 'helpdesk.ticket.attachment-added.v1',
        dataschema: 'urn:helpdesk:schema:helpdesk.ticket.attachment-added.v1',
        sequence: '3',
        data: { ...attachment, size: 512 },
      },
    ];

    it('is two messages of one event id: the current version, then the earlier one', () =>
      expect(
        messagesOf({
          ...stored,
          type: 'AttachmentAdded',
          data: { ...attachment, sizeBytes: 512 },
          metadata: { schemaVersion: 2 },
        }),
      ).toEqual(expected));

    it('is the same two messages when it was stored as v1, before v2 existed', () =>
      expect(
        messagesOf({ ...stored, type: 'AttachmentAdded', data: { ...attachment, size: 512 }, metadata: {} }),
      ).toEqual(expected));

    it('is still one message, the current version, where one is asked for', () =>
      expect(
        toCloudEvent(
          { ...stored, type: 'AttachmentAdded', data: { ...attachment, size: 512 }, metadata: {} },
          tickets,
        ).type,
      ).toBe('helpdesk.ticket.attachment-added.v2'));
  });

  it("carries the append's trace context as the Distributed Tracing extension", () => {
    const traced = {
      ...stored,
      metadata: {
        ...stored.metadata,
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      },
    };
    const event = toCloudEvent(traced, {
      source: '/helpdesk/tickets',
      aggregate: 'ticket',
      streamPrefix: 'ticket-',
    });
    expect(event.traceparent).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    expect(event).not.toHaveProperty('tracestate');
  });
});
