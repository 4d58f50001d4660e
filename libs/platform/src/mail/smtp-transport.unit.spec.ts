import { classify } from './smtp-transport';

describe('an SMTP failure', () => {
  it('is permanent when the server refuses for good (5xx)', () => {
    expect(classify(Object.assign(new Error('No such mailbox'), { responseCode: 550 })).permanent).toBe(true);
  });

  it('is temporary when the server asks to try later (4xx) or cannot be reached', () => {
    expect(classify(Object.assign(new Error('Try again later'), { responseCode: 421 })).permanent).toBe(
      false,
    );
    expect(classify(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' })).permanent).toBe(
      false,
    );
  });
});
