export interface RetentionArguments {
  dryRun: boolean;
  /** `--days N`: the period for this run, also when PERSONAL_DATA_RETENTION_DAYS is off. */
  days?: number;
}

/** The CLI's arguments; a wrong one is named. */
export const parseRetentionArguments = (
  argv: readonly string[],
): { ok: true; args: RetentionArguments } | { ok: false; problem: string } => {
  const args: RetentionArguments = { dryRun: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dry-run') args.dryRun = true;
    else if (arg === '--days' || arg.startsWith('--days=')) {
      const raw = arg === '--days' ? argv[++i] : arg.slice('--days='.length);
      const days = Number(raw);
      if (raw === undefined || !Number.isInteger(days) || days <= 0)
        return {
          ok: false,
          problem: `--days needs a positive whole number of days, not ${raw ?? 'nothing'}`,
        };
      args.days = days;
    } else return { ok: false, problem: `unknown argument ${arg} (known: --dry-run, --days N)` };
  }
  return { ok: true, args };
};
