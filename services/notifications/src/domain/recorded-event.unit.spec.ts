import { groupByCommand } from './recorded-event';
import { command, example, reporterAnswers } from './testing/notification.fixtures';

describe('grouping events by the command that appended them', () => {
  it('keeps one command together and separates the next', () => {
    const reply = command(...reporterAnswers());
    const next = command(example('CommentAdded'));
    expect(groupByCommand([...reply, ...next])).toEqual([reply, next]);
  });

  it('separates events of other tickets, actors or moments even with one correlation id', () => {
    const [first] = command(example('WorkStarted'));
    const [otherTicket] = command(example('WorkStarted', { ticketId: 'another' }));
    const [otherActor] = command(example('WorkStarted', { by: 'agent-8' }));
    expect(groupByCommand([first, otherTicket, otherActor])).toHaveLength(3);
  });
});
