import { currentVersionOf } from './catalogue';
import { decodeEvent, decodeMessage, schemaVersionMetadata } from './decoding';
import { UPCASTERS } from './upcasting';

const v1Data = { ticketId: 't-1', by: 'c-1', at: '2026-11-20T09:13:00.000Z', fileName: 'a.log', size: 42 };

describe('decodeEvent: the one decode seam', () => {
  it('upcasts a stored v1 AttachmentAdded: size becomes sizeBytes', () => {
    const decoded = decodeEvent({ type: 'AttachmentAdded', data: v1Data, metadata: { schemaVersion: 1 } });
    expect(decoded).toEqual({
      type: 'AttachmentAdded',
      data: { ticketId: 't-1', by: 'c-1', at: '2026-11-20T09:13:00.000Z', fileName: 'a.log', sizeBytes: 42 },
    });
  });

  it('reads an event stored before per-type versions (no schemaVersion) as v1', () =>
    expect(decodeEvent({ type: 'AttachmentAdded', data: v1Data }).data).toMatchObject({ sizeBytes: 42 }));

  it('leaves the current version as stored', () => {
    const v2 = { ...v1Data, size: undefined, sizeBytes: 7 };
    expect(decodeEvent({ type: 'AttachmentAdded', data: v2, metadata: { schemaVersion: 2 } }).data).toBe(v2);
  });

  it('leaves types without upcasters alone', () => {
    const data = { ticketId: 't-1', body: 'hi' };
    expect(decodeEvent({ type: 'CommentAdded', data, metadata: { schemaVersion: 1 } })).toEqual({
      type: 'CommentAdded',
      data,
    });
  });

  it('decodes a message published as .v1 to the current shape, and one published as .v2 as it is', () => {
    expect(decodeMessage({ type: 'helpdesk.ticket.attachment-added.v1', data: v1Data })).toMatchObject({
      type: 'AttachmentAdded',
      data: { sizeBytes: 42 },
    });
    expect(
      decodeMessage({
        type: 'helpdesk.ticket.attachment-added.v2',
        data: { ...v1Data, size: undefined, sizeBytes: 3 },
      }).data,
    ).toMatchObject({ sizeBytes: 3 });
  });

  it('writes at append the version the catalogue publishes, per type', () => {
    expect(schemaVersionMetadata('AttachmentAdded')).toEqual({ schemaVersion: 2 });
    expect(schemaVersionMetadata('CommentAdded')).toEqual({ schemaVersion: 2 });
    expect(schemaVersionMetadata('TicketAssigned')).toEqual({ schemaVersion: 1 });
  });

  it("has an upcaster for every step up to each type's current version", () => {
    for (const { name, fromVersion } of UPCASTERS) expect(fromVersion).toBeLessThan(currentVersionOf(name));
    for (const name of new Set(UPCASTERS.map((u) => u.name)))
      expect(UPCASTERS.filter((u) => u.name === name).map((u) => u.fromVersion)).toEqual(
        Array.from({ length: currentVersionOf(name) - 1 }, (_, i) => i + 1),
      );
  });
});
