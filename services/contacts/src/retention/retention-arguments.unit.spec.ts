import { parseRetentionArguments } from './retention-arguments';

describe('the retention CLI arguments', () => {
  it('erase by default with the configured period; --dry-run only lists', () => {
    expect(parseRetentionArguments([])).toEqual({ ok: true, args: { dryRun: false } });
    expect(parseRetentionArguments(['--dry-run'])).toEqual({ ok: true, args: { dryRun: true } });
  });

  it('take the period as --days N or --days=N', () => {
    expect(parseRetentionArguments(['--days', '30', '--dry-run'])).toEqual({
      ok: true,
      args: { dryRun: true, days: 30 },
    });
    expect(parseRetentionArguments(['--days=7'])).toEqual({ ok: true, args: { dryRun: false, days: 7 } });
  });

  it.each([[['--days']], [['--days', '0']], [['--days', 'x']], [['--days=1.5']]])(
    'refuse %j, naming --days',
    (argv) =>
      expect(parseRetentionArguments(argv)).toEqual({ ok: false, problem: expect.stringMatching(/^--days/) }),
  );

  it('refuse an unknown argument', () =>
    expect(parseRetentionArguments(['--force'])).toEqual({
      ok: false,
      problem: expect.stringMatching(/unknown argument --force/),
    }));
});
