import { DomainError } from '@helpdesk/decider';
import { requireFixNotInAnotherRelease } from './fix-exclusivity';

describe("a ticket's fix is in at most one open release", () => {
  it('lets a ticket without a scheduled fix in', () =>
    expect(() => requireFixNotInAnotherRelease('train-2026-12-22', { number: 'HD-00042' })).not.toThrow());

  it('lets a ticket already in this release in again (a redelivered command)', () =>
    expect(() =>
      requireFixNotInAnotherRelease('train-2026-12-22', {
        number: 'HD-00042',
        scheduledIn: { releaseId: 'train-2026-12-22', version: '2026.12.22' },
      }),
    ).not.toThrow());

  it('refuses a ticket scheduled in another release, naming that release', () => {
    let refusal: unknown;
    try {
      requireFixNotInAnotherRelease('train-2026-12-22', {
        number: 'HD-00042',
        scheduledIn: { releaseId: 'train-2026-12-08', version: '2026.12.08' },
      });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({
      kind: 'conflict',
      code: 'fix_in_other_release',
      message: expect.stringMatching(/HD-00042 is already scheduled in release 2026\.12\.08/),
      details: { releaseId: 'train-2026-12-08', version: '2026.12.08' },
    });
  });
});
