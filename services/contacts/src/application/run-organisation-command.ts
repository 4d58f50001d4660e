import { commandSender } from '@helpdesk/platform';
import { ExecuteOrganisationCommand, type OrganisationCommandResult } from './execute-organisation-command';
import type { OrganisationCommand } from '../domain';

/** Sends one command for the caller to an organisation's stream. */
export const runOrganisationCommand = commandSender<OrganisationCommand, OrganisationCommandResult>(
  (organisationId, command, context, expectedRevision) =>
    new ExecuteOrganisationCommand(organisationId, command, context, expectedRevision),
);
