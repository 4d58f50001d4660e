import { sendRequestedCommand } from '@helpdesk/platform';
import type { CommandBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { ExecuteReleaseCommand, type ReleaseCommandResult } from '../application/execute-release-command';
import type { ReleaseCommand } from '../domain';

type DataOf<T extends ReleaseCommand['type']> = Extract<ReleaseCommand, { type: T }>['data'];

/** Sends one command for the caller to a release's stream. */
export const runReleaseCommand = <T extends ReleaseCommand['type']>(
  commands: CommandBus,
  releaseId: string,
  req: Request,
  res: Response,
  type: T,
  data: DataOf<T>,
): Promise<ReleaseCommandResult> =>
  sendRequestedCommand(
    commands,
    req,
    res,
    { type, data },
    (command, context, expectedRevision) =>
      new ExecuteReleaseCommand(releaseId, command as ReleaseCommand, context, expectedRevision),
  );
