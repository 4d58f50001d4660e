import { clearTicketExample, TOPICS } from '@helpdesk/contracts';
import { type StoredEvent } from '@helpdesk/event-store';
import { toCloudEvent, toProjectedEvent } from '@helpdesk/messaging';
import { foldView } from '@helpdesk/read-models';
import { ticketViewProjection } from './ticket-view';

// AttachmentAdded was stored as v1 (`size`) before v2 (`sizeBytes`): every reader gets v2.
const at = '2026-11-20T09:13:00.000Z';
const stored = (revision: number, type: string, data: object, schemaVersion?: number): StoredEvent => ({
  id: `00000000-0000-4000-8000-00000000000${revision}`,
  streamId: 'ticket-t-1',
  revision,
  position: BigInt(revision + 1),
  recordedAt: new Date(at),
  type,
  data: data as Record<string, unknown>,
  metadata: schemaVersion === undefined ? {} : { schemaVersion },
});
const registered = stored(
  0,
  'TicketRegistered',
  { ...clearTicketExample('TicketRegistered'), ticketId: 't-1' },
  1,
);
const attachedV1 = stored(
  1,
  'AttachmentAdded',
  {
    ticketId: 't-1',
    by: 'contact-42',
    at,
    attachmentId: 'a-1',
    fileName: 'export.log',
    contentType: 'text/plain',
    size: 18234,
    sha256: 'ab'.repeat(32),
  },
  1,
);
const source = { source: '/helpdesk/tickets', aggregate: 'ticket', streamPrefix: 'ticket-' };

describe('a stored v1 AttachmentAdded, read as v2 by every reader', () => {
  it('the ticket view projection shows its size', () =>
    expect(foldView(ticketViewProjection, [registered, attachedV1])?.attachments).toEqual([
      expect.objectContaining({ id: 'a-1', size: 18234 }),
    ]));

  it('the relay publishes it as .v2 with sizeBytes', () =>
    expect(toCloudEvent(attachedV1, source)).toMatchObject({
      type: 'helpdesk.ticket.attachment-added.v2',
      dataschema: 'urn:helpdesk:schema:helpdesk.ticket.attachment-added.v2',
      data: { sizeBytes: 18234 },
    }));

  it('a consumer projecting a .v1 message from the topic (published before v2) reads it as v2', () => {
    const published = { ...toCloudEvent(registered, source) };
    const oldMessage = {
      ...toCloudEvent(stored(1, 'AttachmentAdded', attachedV1.data, 2), source),
      type: 'helpdesk.ticket.attachment-added.v1',
      data: attachedV1.data,
    };
    const events = [published, oldMessage].map((event, i) =>
      toProjectedEvent({ event, topic: TOPICS.tickets, partition: 0, offset: String(i) }),
    );
    expect(foldView(ticketViewProjection, events)?.attachments).toEqual([
      expect.objectContaining({ id: 'a-1', size: 18234 }),
    ]);
  });

  it('an event stored before per-type versions (no schemaVersion) is v1', () =>
    expect(
      foldView(ticketViewProjection, [registered, { ...attachedV1, metadata: {} }])?.attachments[0],
    ).toMatchObject({ size: 18234 }));
});
