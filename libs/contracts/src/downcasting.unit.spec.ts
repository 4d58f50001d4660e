import { type Downcaster, DOWNCASTERS, publishedForms } from './downcasting';

describe('downcasting for subscribers of earlier versions', () => {
  it('publishes AttachmentAdded as v2 and, beside it, as v1 with `size`', () => {
    const v2 = { attachmentId: 'a-1', fileName: 'export.log', sizeBytes: 18234 };
    expect(publishedForms(DOWNCASTERS, 'AttachmentAdded', { version: 2, data: v2 })).toEqual([
      { version: 2, data: v2 },
      { version: 1, data: { attachmentId: 'a-1', fileName: 'export.log', size: 18234 } },
    ]);
  });

  it('publishes an event that never changed once, as it is', () => {
    const data = { ticketId: 't-1', body: 'hello' };
    expect(publishedForms(DOWNCASTERS, 'CommentAdded', { version: 1, data })).toEqual([{ version: 1, data }]);
  });

  it('walks down a chain one version at a time, newest first', () => {
    const chain: Downcaster[] = [
      { name: 'TicketTriaged', toVersion: 2, downcast: ({ team: _team, ...rest }) => rest },
      {
        name: 'TicketTriaged',
        toVersion: 1,
        downcast: ({ priority, ...rest }) => ({ ...rest, level: Number(String(priority).slice(1)) }),
      },
    ];
    expect(
      publishedForms(chain, 'TicketTriaged', { version: 3, data: { priority: 'P2', team: 'second-line' } }),
    ).toEqual([
      { version: 3, data: { priority: 'P2', team: 'second-line' } },
      { version: 2, data: { priority: 'P2' } },
      { version: 1, data: { level: 2 } },
    ]);
  });
});
