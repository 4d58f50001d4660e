import { commandSender } from '@helpdesk/platform';
import { ExecuteReleaseCommand, type ReleaseCommandResult } from '../application/execute-release-command';
import type { ReleaseCommand } from '../domain';

/** Sends one command for the caller to a release's stream. */
export const runReleaseCommand = commandSender<ReleaseCommand, ReleaseCommandResult>(
  (releaseId, command, context, expectedRevision) =>
    new ExecuteReleaseCommand(releaseId, command, context, expectedRevision),
);
