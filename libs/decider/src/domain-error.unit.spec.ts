import { DomainError, refuse } from './domain-error';

describe('refuse', () => {
  it('throws a DomainError with the kind, code, message and details', () => {
    let thrown: unknown;
    try {
      refuse('conflict', 'already_open', 'It is open already.', { id: 'r-1' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({
      kind: 'conflict',
      code: 'already_open',
      message: 'It is open already.',
      details: { id: 'r-1' },
    });
  });

  it('narrows like a throw: after `if (!x) refuse(...)` x is defined without `!`', () => {
    // This compiles only because refuse is a function declaration returning never.
    const lengthOf = (text: string | undefined): number => {
      if (text === undefined) refuse('invalid', 'text_required', 'Say something.');
      return text.length;
    };
    expect(lengthOf('four')).toBe(4);
    expect(() => lengthOf(undefined)).toThrow('Say something.');
  });
});
