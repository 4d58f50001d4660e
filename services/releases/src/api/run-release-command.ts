import { commandContext, etag, expectedRevisionFrom, type Principal } from '@helpdesk/platform';
import type { CommandBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { ExecuteReleaseCommand, type ReleaseCommandResult } from '../application/execute-release-command';
import type { ReleaseCommand } from '../domain';

type DataOf<T extends ReleaseCommand['type']> = Extract<ReleaseCommand, { type: T }>['data'];

/** Sends one command for the caller, honouring If-Match, and answers the new revision as the ETag. */
export const runReleaseCommand = async <T extends ReleaseCommand['type']>(
  commands: CommandBus,
  releaseId: string,
  req: Request,
  res: Response,
  type: T,
  data: DataOf<T>,
): Promise<ReleaseCommandResult> => {
  const principal = (req as Request & { principal: Principal }).principal;
  const command = { type, data, actor: principal, at: new Date().toISOString() } as ReleaseCommand;
  const result: ReleaseCommandResult = await commands.execute(
    new ExecuteReleaseCommand(releaseId, command, commandContext(req, principal), expectedRevisionFrom(req)),
  );
  res.setHeader('ETag', etag(result.revision));
  return result;
};
