import { inCommands, UpdateBudget, UPDATES_PER_COMMAND } from './update-budget';

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('an update budget', () => {
  it('lets statements in up to its size and the rest in as others end, first come first served', async () => {
    const budget = new UpdateBudget(4);
    const started: string[] = [];
    const finish = new Map<string, () => void>();
    const write = (name: string, statements: number) =>
      budget.run(statements, () => {
        started.push(name);
        return new Promise<string>((resolve) => finish.set(name, () => resolve(name)));
      });
    const a = write('a', 3);
    const big = write('big', 4);
    const small = write('small', 1);
    await settle();
    // 'small' would fit beside 'a', but 'big' asked first and is not overtaken.
    expect(started).toEqual(['a']);
    finish.get('a')!();
    expect(await a).toBe('a');
    await settle();
    expect(started).toEqual(['a', 'big']);
    finish.get('big')!();
    await big;
    await settle();
    expect(started).toEqual(['a', 'big', 'small']);
    finish.get('small')!();
    await small;
  });

  it('gives back what a failed write took', async () => {
    const budget = new UpdateBudget(2);
    await expect(budget.run(2, () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(await budget.run(2, async () => 'next')).toBe('next');
  });

  it('refuses a command larger than the whole budget instead of waiting for ever', async () => {
    await expect(new UpdateBudget(2).run(3, async () => 'never')).rejects.toThrow(RangeError);
  });
});

describe('writes in commands', () => {
  it('cuts them in order into commands of at most UPDATES_PER_COMMAND', () => {
    const items = Array.from({ length: UPDATES_PER_COMMAND * 2 + 1 }, (_, i) => i);
    const commands = inCommands(items);
    expect(commands.map((command) => command.length)).toEqual([UPDATES_PER_COMMAND, UPDATES_PER_COMMAND, 1]);
    expect(commands.flat()).toEqual(items);
    expect(inCommands([])).toEqual([]);
  });
});
