import type { Decider } from '@helpdesk/decider';
import type { OrganisationCommand } from './organisation.commands';
import { decideOrganisation } from './organisation.decide';
import type { OrganisationEvent } from './organisation.events';
import { evolveOrganisation, initialOrganisation, type Organisation } from './organisation.state';

/** An organisation with its contacts: one stream, `organisation-<id>`, so its rules hold atomically. */
export const organisationDecider: Decider<OrganisationCommand, OrganisationEvent, Organisation> = {
  initialState: initialOrganisation,
  decide: decideOrganisation,
  evolve: evolveOrganisation,
};

export const organisationStream = (organisationId: string) => `organisation-${organisationId}`;
