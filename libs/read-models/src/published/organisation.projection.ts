import {
  decodeEvent,
  evolveOrganisation,
  initialOrganisation,
  type OrganisationEvent,
  type RegisteredOrganisation,
} from '@helpdesk/contracts';
import type { Projection } from '../projection';
import type { View } from '../view';

export type OrganisationView = View & RegisteredOrganisation;

/**
 * Each organisation with its contacts as one document, folded from `helpdesk.contacts.v1` with
 * the contract's own fold: the contacts service lists them with it, other services keep their
 * copy of who may file tickets, whom to mail and which SLA policy applies.
 */
export const organisationProjection: Projection<OrganisationView> = {
  name: 'organisations',
  documentId: (event) =>
    event.streamId.startsWith('organisation-')
      ? decodeEvent<OrganisationEvent>(event).data.organisationId
      : undefined,
  evolve: (current, event) =>
    evolveOrganisation(
      current ?? initialOrganisation,
      decodeEvent<OrganisationEvent>(event),
    ) as OrganisationView,
};
