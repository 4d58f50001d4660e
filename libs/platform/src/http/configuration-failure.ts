import { redactSecrets } from '../logging/redaction';

export const EX_CONFIG = 78;

/**
 * Ends a process whose configuration is wrong: one list of every problem, no stack trace. At a
 * terminal it is plain text on stderr; otherwise (a container, a pipe) it is one JSON log line on
 * stdout like every other line, with the problems as a list a log search can read.
 */
export const exitForConfiguration = (service: string, problems: string[]): never => {
  const safe = problems.map(redactSecrets);
  if (process.stdout.isTTY) {
    process.stderr.write(
      `${service} cannot start: invalid configuration\n${safe.map((p) => `  - ${p}`).join('\n')}\n`,
    );
  } else {
    process.stdout.write(
      `${JSON.stringify({
        level: 60,
        time: Date.now(),
        service,
        msg: `${service} cannot start: invalid configuration (${safe.length} problem${safe.length === 1 ? '' : 's'}): ${safe.join('; ')}`,
        problems: safe,
      })}\n`,
    );
  }
  process.exit(EX_CONFIG);
};

/** A process that fails to start for another reason: one JSON line with the error, then exit 1. */
export const exitForStartFailure = (service: string, error: unknown): never => {
  process.stdout.write(
    `${redactSecrets(
      JSON.stringify({
        level: 60,
        time: Date.now(),
        service,
        msg: `${service} cannot start: ${(error as Error)?.message ?? String(error)}`,
        err: {
          type: (error as Error)?.name,
          message: (error as Error)?.message,
          stack: (error as Error)?.stack,
        },
      }),
    )}\n`,
  );
  process.exit(1);
};
