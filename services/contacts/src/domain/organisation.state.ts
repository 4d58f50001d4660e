// The contacts service decides on the same fold of its events that its subscribers use.
export {
  activeAdministrators,
  evolveOrganisation,
  initialOrganisation,
  type Organisation,
  type RegisteredOrganisation,
} from '@helpdesk/contracts';
