import { allowedAction, allowedActions, takesComments, takesScheduledFix } from './agent-actions';

const names = (facts: Parameters<typeof allowedActions>[0]) => allowedActions(facts).map((a) => a.name);

describe('the status changes an agent is offered', () => {
  it('offers only triage (and, for a wish, accept or decline) on a new ticket', () => {
    expect(names({ status: 'new', kind: 'error' })).toEqual(['triage']);
    expect(names({ status: 'new', kind: 'wish' })).toEqual(['triage', 'acceptWish', 'declineWish']);
  });

  it('offers a workaround only for P1 and P2', () => {
    expect(names({ status: 'in_progress', kind: 'error', priority: 'P2' })).toContain('workaround');
    expect(names({ status: 'in_progress', kind: 'error', priority: 'P3' })).not.toContain('workaround');
  });

  it('follows the lifecycle: waiting, resumed, resolved, closed, reopened', () => {
    expect(names({ status: 'waiting_for_customer', kind: 'question', priority: 'P3' })).toEqual([
      'changePriority',
      'customerReplied',
      'resolve',
    ]);
    expect(names({ status: 'waiting_for_third_party', kind: 'error', priority: 'P1' })).toEqual([
      'changePriority',
      'resume',
      'workaround',
      'resolve',
    ]);
    expect(names({ status: 'resolved', kind: 'error', priority: 'P3' })).toEqual(['close', 'reopen']);
    expect(names({ status: 'closed', kind: 'error', priority: 'P3' })).toEqual(['reopen']);
  });

  it('names the fields each form asks for, and refuses an action the status does not take', () => {
    expect(allowedAction({ status: 'open', kind: 'error', priority: 'P3' }, 'waitForThirdParty')).toEqual({
      name: 'waitForThirdParty',
      path: 'waiting-for-third-party',
      fields: ['thirdParty', 'reason'],
    });
    expect(allowedAction({ status: 'new', kind: 'error' }, 'resolve')).toBeUndefined();
  });

  it('schedules fixes and takes comments only while the ticket is open for them', () => {
    expect(takesScheduledFix({ status: 'in_progress', kind: 'error' })).toBe(true);
    expect(takesScheduledFix({ status: 'new', kind: 'error' })).toBe(false);
    expect(takesComments({ status: 'resolved', kind: 'error' })).toBe(true);
    expect(takesComments({ status: 'closed', kind: 'error' })).toBe(false);
  });
});
