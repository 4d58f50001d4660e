import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { DeskProblem } from '../desk-api/desk-client';
import { streamChanges } from './live-stream';

/** The bytes a stream writes, in memory (no socket: this is the stream's own logic). */
const recorder = () => {
  const written: string[] = [];
  const response = {
    writableEnded: false,
    writeHead: () => response,
    write: (chunk: string) => written.push(chunk) > 0,
    end: () => {
      response.writableEnded = true;
    },
  };
  return { response: response as unknown as ServerResponse & { writableEnded: boolean }, written };
};

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
};

describe('a live stream of one viewer’s view', () => {
  it('sends a change only when what the viewer sees changes, carrying only that view', async () => {
    const views = [
      { revision: 1, comments: ['hello'] },
      { revision: 2, comments: ['hello'] }, // an internal edit: the revision moved, the view did not
      { revision: 3, comments: ['hello', 'answer'] },
    ];
    let reads = 0;
    const request = new EventEmitter();
    const { response, written } = recorder();
    await streamChanges(
      request,
      response,
      {
        read: async () => views[Math.min(reads++, views.length - 1)],
        fingerprint: (view) => view.comments,
        event: (view) => ({ comments: view.comments }),
      },
      1,
    );
    await until(() => reads >= 4);
    request.emit('close');
    const events = written.filter((chunk) => chunk.startsWith('event: change'));
    expect(events).toEqual([`event: change\ndata: {"comments":["hello","answer"]}\n\n`]);
    expect(response.writableEnded).toBe(true);
  });

  it('ends when the desk no longer shows the viewer the ticket, and rides out a busy desk', async () => {
    let reads = 0;
    const { response } = recorder();
    await streamChanges(
      new EventEmitter(),
      response,
      {
        read: async () => {
          reads++;
          if (reads === 1) throw new Error('the desk is restarting');
          throw new DeskProblem({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'gone' });
        },
        fingerprint: () => 1,
        event: () => ({}),
      },
      1,
    );
    await until(() => response.writableEnded);
    expect(reads).toBe(2);
  });
});
