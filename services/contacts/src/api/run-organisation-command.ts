import { sendRequestedCommand } from '@helpdesk/platform';
import type { CommandBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import {
  ExecuteOrganisationCommand,
  type OrganisationCommandResult,
} from '../application/execute-organisation-command';
import type { OrganisationCommand } from '../domain';

type DataOf<T extends OrganisationCommand['type']> = Extract<OrganisationCommand, { type: T }>['data'];

/** Sends one command for the caller to an organisation's stream. */
export const runOrganisationCommand = <T extends OrganisationCommand['type']>(
  commands: CommandBus,
  organisationId: string,
  req: Request,
  res: Response,
  type: T,
  data: DataOf<T>,
): Promise<OrganisationCommandResult> =>
  sendRequestedCommand(
    commands,
    req,
    res,
    { type, data },
    (command, context, expectedRevision) =>
      new ExecuteOrganisationCommand(
        organisationId,
        command as OrganisationCommand,
        context,
        expectedRevision,
      ),
  );
