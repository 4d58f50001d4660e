import { i18n } from '../i18n/i18n';
import { problemMessage } from './problem-messages';

const { t } = i18n('en', 'Europe/Amsterdam');
const problem = (status: number, extra: Record<string, unknown> = {}) => ({
  type: 'https://helpdesk.example/problems/x',
  title: 'x',
  status,
  detail: 'the desk says why',
  ...extra,
});

describe("the desk's refusals in words a person can act on", () => {
  it('names the administrators to ask when a contact is not authorised', () => {
    const message = problemMessage(
      problem(403, { administrators: [{ id: 'a', name: 'Anna de Vries', email: 'anna@zorg.example' }] }),
      t,
    );
    expect(message.message).toBe(
      'You may not do this. Ask Anna de Vries (anna@zorg.example) (your organisation’s administrators) to authorise you.',
    );
  });

  it('says someone else was quicker on 412 and on a 409 race', () => {
    expect(problemMessage(problem(412), t).message).toContain('Someone else changed this');
    const race = problem(409, { type: 'https://helpdesk.example/problems/concurrent-modification' });
    expect(problemMessage(race, t).message).toContain('Someone else changed this');
  });

  it("gives the desk's reason for a 409 the current state refuses, not a race", () => {
    const refused = problem(409, { type: 'https://helpdesk.example/problems/last-administrator' });
    expect(problemMessage(refused, t).message).toBe('This is not possible now: the desk says why');
  });

  it('says the file is too large on 413', () => {
    expect(problemMessage(problem(413), t).message).toContain('too large');
  });

  it('marks each field the desk named on 400 and 422', () => {
    const message = problemMessage(
      problem(422, { errors: [{ field: 'contactId', reason: 'not a contact' }] }),
      t,
    );
    expect(message).toEqual({
      message: 'Please correct the fields marked below.',
      fieldErrors: { contactId: 'not a contact' },
    });
  });

  it("passes the desk's own detail on when there is nothing more specific to say", () => {
    expect(problemMessage(problem(400), t).message).toBe('The desk answered: the desk says why');
  });
});
