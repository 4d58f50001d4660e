import { type Decider, refuse } from '@helpdesk/decider';
import { InMemoryEventStore, type HandledCommand } from '@helpdesk/event-store';
import { AggregateCommand, AggregateCommandHandler } from './aggregate-command-handler';

// A small aggregate with what a registration has: it can be opened once, and the handler adds a
// fact only it can look up (here a serial number) before deciding.
type Opening = { type: 'Open'; at: string; data: { serial: number } };
type Opened = { type: 'Opened'; data: { serial: number } };
type Account = { open: boolean };
const accounts: Decider<Opening, Opened, Account> = {
  initialState: { open: false },
  decide: (command, state) => {
    if (state.open) refuse('conflict', 'account_exists', 'This account is open already.');
    return [{ type: 'Opened', data: { serial: command.data.serial } }];
  },
  evolve: () => ({ open: true }),
};

class OpenAccount extends AggregateCommand<Record<string, never>> {}

class OpenAccountHandler extends AggregateCommandHandler<
  OpenAccount,
  Record<string, never>,
  Opening,
  Opened,
  Account,
  { id: string; serial: number; revision: number }
> {
  protected readonly aggregate = { decider: accounts, streamOf: (id: string) => `account-${id}` };
  protected override readonly startsAggregate = true;
  private serials = 0;

  protected toCommand(): Opening {
    return { type: 'Open', at: '2026-11-24T10:00:00.000Z', data: { serial: ++this.serials } };
  }

  protected answer(id: string, { revision }: HandledCommand<Opened, Account>, command: Opening) {
    return { id, serial: command.data.serial, revision };
  }
}

const context = { correlationId: 'req-1', actor: { id: 'agent-1', role: 'agent' } };

describe('AggregateCommandHandler for a command that starts an aggregate', () => {
  it('decides on the empty stream without reading it, and answers from the completed command', async () => {
    const store = new InMemoryEventStore();
    const reads = jest.spyOn(store, 'readStream');
    const handler = new OpenAccountHandler(store);
    expect(await handler.execute(new OpenAccount('a-1', {}, context))).toEqual({
      id: 'a-1',
      serial: 1,
      revision: 0,
    });
    expect(reads).not.toHaveBeenCalled();
    const [stored] = await store.readStream('account-a-1');
    expect(stored).toMatchObject({
      type: 'Opened',
      data: { serial: 1 },
      metadata: { occurredAt: '2026-11-24T10:00:00.000Z' },
    });
  });

  it('reads and decides on a stream that exists after all (a redelivered registration), so the refusal stands', async () => {
    const store = new InMemoryEventStore();
    const handler = new OpenAccountHandler(store);
    await handler.execute(new OpenAccount('a-1', {}, context));
    await expect(handler.execute(new OpenAccount('a-1', {}, context))).rejects.toMatchObject({
      code: 'account_exists',
    });
    expect(await store.readStream('account-a-1')).toHaveLength(1);
  });
});
