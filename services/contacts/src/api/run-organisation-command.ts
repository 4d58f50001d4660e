import { commandContext, etag, expectedRevisionFrom, type Principal } from '@helpdesk/platform';
import type { CommandBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import {
  ExecuteOrganisationCommand,
  type OrganisationCommandResult,
} from '../application/execute-organisation-command';
import type { OrganisationCommand } from '../domain';

type DataOf<T extends OrganisationCommand['type']> = Extract<OrganisationCommand, { type: T }>['data'];

/** Sends one command for the caller, honouring If-Match, and answers the new revision as the ETag. */
export const runOrganisationCommand = async <T extends OrganisationCommand['type']>(
  commands: CommandBus,
  organisationId: string,
  req: Request,
  res: Response,
  type: T,
  data: DataOf<T>,
): Promise<OrganisationCommandResult> => {
  const principal = (req as Request & { principal: Principal }).principal;
  const command = { type, data, actor: principal, at: new Date().toISOString() } as OrganisationCommand;
  const result: OrganisationCommandResult = await commands.execute(
    new ExecuteOrganisationCommand(
      organisationId,
      command,
      commandContext(req, principal),
      expectedRevisionFrom(req),
    ),
  );
  res.setHeader('ETag', etag(result.revision));
  return result;
};
