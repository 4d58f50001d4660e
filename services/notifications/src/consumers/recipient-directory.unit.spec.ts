import { evolveOrganisation, initialOrganisation, ORGANISATION_EVENTS } from '@helpdesk/contracts';
import { contactsNotYetKnown, recipientDirectory } from './recipient-directory';

const registered = evolveOrganisation(initialOrganisation, {
  type: 'OrganisationRegistered',
  data: { ...ORGANISATION_EVENTS.OrganisationRegistered.example, language: 'nl' },
});
const withContact = (id: string, active: boolean) =>
  evolveOrganisation(registered, {
    type: 'ContactAdded',
    data: {
      ...ORGANISATION_EVENTS.ContactAdded.example,
      contact: {
        ...ORGANISATION_EVENTS.ContactAdded.example.contact,
        // As every reader gets it: opened by the decode seam (the published example is sealed).
        name: 'Bram Jansen',
        phone: undefined,
        id,
        active,
        email: `${id}@zorg.example`,
      },
    },
  });

describe('the recipient directory', () => {
  it('holds the active contacts asked for, with the organisation’s language', () => {
    const directory = recipientDirectory(withContact('c-1', true), ['c-1', 'c-unknown']);
    expect(Object.keys(directory.contacts)).toEqual(['c-1']);
    expect(directory.contacts['c-1'].email).toBe('c-1@zorg.example');
    expect(directory.organisationLanguage).toBe('nl');
  });

  it('leaves inactive contacts out: they receive nothing', () => {
    expect(recipientDirectory(withContact('c-1', false), ['c-1']).contacts).toEqual({});
  });

  it('addresses agents in the configured mail domain', () => {
    const directory = recipientDirectory(initialOrganisation, [], {
      ids: ['agent-7'],
      emailDomain: 'vendor.example',
    });
    expect(directory.agents).toEqual({ 'agent-7': { email: 'agent-7@vendor.example', name: 'agent-7' } });
  });
});

describe('contacts not yet known', () => {
  it('are the unaddressed contacts the directory has never heard of, not the inactive ones', () => {
    const organisation = withContact('c-inactive', false);
    expect(
      contactsNotYetKnown(organisation, [
        { contactId: 'c-inactive' },
        { contactId: 'c-new' },
        { agentId: 'agent-1' },
      ]),
    ).toEqual(['c-new']);
  });

  it('are every unaddressed contact while the organisation itself is not known', () => {
    expect(contactsNotYetKnown(initialOrganisation, [{ contactId: 'c-1' }])).toEqual(['c-1']);
  });
});
