/**
 * Retention by hand: `npm run personal-data:retention -- --dry-run` lists the ids of the people
 * who are no longer contacts and are due (their last ticket closed, or without tickets their
 * deactivation, more than the period ago); without `--dry-run` it erases them, as the scheduled
 * sweep would. `--days N` sets the period for this run (so it works with retention off, too);
 * otherwise PERSONAL_DATA_RETENTION_DAYS. With the contacts service's own settings: it boots the
 * service without HTTP and without the scheduled sweep (ContactsModule.forRetentionRun), and prints progress and ids, never a
 * name or an address.
 *
 * Exit 0 done, 1 failed (or skipped: the copy of the tickets is behind), 64 wrong arguments or no
 * period, 78 a setting is wrong.
 */
import {
  configurationProblems,
  exitForConfiguration,
  serviceRootModule,
  serviceSettingsChecks,
} from '@helpdesk/platform';
import { NestFactory } from '@nestjs/core';
import { ContactsModule } from '../contacts.module';
import { contactsService } from '../contacts.service';
import { parseRetentionArguments } from './retention-arguments';
import { RetentionSweep, sweepSummary } from './retention-sweep';
import { loadRetentionSettings } from './retention.settings';

const NAME = 'personal-data:retention';
const EX_USAGE = 64;
const say = (line: string) => process.stdout.write(`[${NAME}] ${line}\n`);

const main = async () => {
  const parsed = parseRetentionArguments(process.argv.slice(2));
  if (!parsed.ok) {
    process.stderr.write(`${NAME}: ${parsed.problem}\n`);
    process.exit(EX_USAGE);
  }
  const { dryRun } = parsed.args;
  const problems = configurationProblems(serviceSettingsChecks(contactsService), contactsService.defaultMode);
  if (problems.length > 0) exitForConfiguration(NAME, problems);
  const days = parsed.args.days ?? loadRetentionSettings().days;
  if (days === undefined) {
    process.stderr.write(
      `${NAME}: retention is off (PERSONAL_DATA_RETENTION_DAYS is not set): give --days N\n`,
    );
    process.exit(EX_USAGE);
  }
  const app = await NestFactory.createApplicationContext(
    serviceRootModule({ ...contactsService, features: [ContactsModule.forRetentionRun()] }),
    { logger: ['warn', 'error'] },
  );
  try {
    say(
      `${dryRun ? 'dry run: listing' : 'erasing'} people no longer contacts, last ticket closed more than ${days} days ago`,
    );
    let shown = 0;
    const showIds = (ids: string[]) => {
      for (const id of ids.slice(shown)) say(`${dryRun ? 'would erase' : 'erased'} contact ${id}`);
      shown = ids.length;
    };
    const done = await app.get(RetentionSweep).sweep({
      days,
      dryRun,
      onProgress: (sofar) => {
        showIds(sofar.erased);
        say(`${sweepSummary(sofar, dryRun)} so far`);
      },
    });
    showIds(done.erased);
    if (done.skipped) {
      say(`skipped: ${done.skipped}; try again once the contacts service has caught up`);
      process.exitCode = 1;
    } else say(`done: ${sweepSummary(done, dryRun)}${dryRun ? ' (nothing written)' : ''}`);
    if (done.failed > 0) process.exitCode = 1;
  } catch (error) {
    say(`failed: ${(error as Error).message}`);
    process.exitCode = 1;
  } finally {
    await app.close();
  }
};

void main();
