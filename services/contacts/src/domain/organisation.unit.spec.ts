import { deciderSpec, DomainError, refusedWith } from '@helpdesk/decider';
import {
  agent,
  admin,
  anna,
  at,
  bram,
  by,
  employee,
  foreignAdmin,
  registered,
  withBram,
} from './organisation.fixtures';
import { organisationDecider } from './organisation.decider';

const spec = deciderSpec(organisationDecider);

describe('registering an organisation', () => {
  const register = (actor = agent) => ({
    type: 'RegisterOrganisation' as const,
    actor,
    at,
    data: {
      organisationId: 'org-1',
      name: ' Zorg BV ',
      timeZone: 'Europe/Amsterdam',
      slaPolicy: 'restore-time',
      calendar: 'nl-office',
      administrator: {
        contactId: 'c-admin',
        name: 'Anna de Vries',
        email: 'Anna@Zorg.example',
        language: 'nl' as const,
      },
    },
  });

  it('registers it with its first administrator, authorised', () =>
    spec.given([]).when(register()).then(registered));

  it('is for agents only', () => spec.given([]).when(register(admin)).thenThrows(refusedWith('agents_only')));

  it('happens once', () =>
    spec.given(registered).when(register()).thenThrows(refusedWith('organisation_exists')));

  it('refuses an unknown time zone', () => {
    const command = register();
    command.data.timeZone = 'Europe/Atlantis';
    spec
      .given([])
      .when(command)
      .thenThrows(refusedWith('unknown_time_zone'), /Europe\/Atlantis/);
  });

  it('names the refused field, so a form can mark it', () => {
    const command = register();
    command.data.timeZone = 'Europe/Atlantis';
    spec
      .given([])
      .when(command)
      .thenThrows(
        (error) =>
          error instanceof DomainError &&
          (error.details?.errors as Array<{ field: string }>)?.[0]?.field === 'timeZone',
      );
  });
});

describe('changing organisation details', () => {
  const change = (actor: typeof agent, changes: object) => ({
    type: 'ChangeOrganisationDetails' as const,
    actor,
    at,
    data: { changes },
  });

  it('lets its administrator rename it', () =>
    spec
      .given(registered)
      .when(change(admin, { name: 'Zorg Groep BV' }))
      .then([
        { type: 'OrganisationDetailsChanged', data: { ...by(admin), changes: { name: 'Zorg Groep BV' } } },
      ]));

  it('records nothing when nothing changes', () =>
    spec
      .given(registered)
      .when(change(admin, { name: 'Zorg BV' }))
      .then([]));

  it('keeps the SLA policy of the contract for agents', () =>
    spec
      .given(registered)
      .when(change(admin, { slaPolicy: 'response-time' }))
      .thenThrows(refusedWith('agents_only')));

  it('refuses employees, naming the administrators to ask', () =>
    spec
      .given(registered)
      .when(change(employee, { name: 'x' }))
      .thenThrows(
        (e) =>
          e instanceof DomainError &&
          e.code === 'not_a_maintainer' &&
          JSON.stringify(e.details) ===
            JSON.stringify({ administrators: [{ id: anna.id, name: anna.name, email: anna.email }] }),
      ));

  it("refuses another organisation's administrator as if it did not exist", () =>
    spec
      .given(registered)
      .when(change(foreignAdmin, { name: 'x' }))
      .thenThrows(refusedWith('organisation_not_found')));

  it('refuses commands to an organisation that does not exist', () =>
    spec
      .given([])
      .when(change(agent, { name: 'x' }))
      .thenThrows(refusedWith('organisation_not_found')));
});

describe('contacts', () => {
  const addBram = (actor = admin, email = 'BRAM@zorg.example ') => ({
    type: 'AddContact' as const,
    actor,
    at,
    data: {
      contactId: 'c-emp',
      name: 'Bram Jansen',
      email,
      language: 'en' as const,
      role: 'customer_employee' as const,
      authorised: true,
    },
  });
  const command = <T extends string>(type: T, actor: typeof agent, data: object) =>
    ({ type, actor, at, data }) as never;

  it('are added by an administrator, e-mail normalised', () =>
    spec
      .given(registered)
      .when(addBram())
      .then([{ type: 'ContactAdded', data: { ...by(admin), contact: bram } }]));

  it('are not added by an employee', () =>
    spec.given(registered).when(addBram(employee)).thenThrows(refusedWith('not_a_maintainer')));

  it('have an e-mail address unique among active contacts', () =>
    spec
      .given(registered)
      .when(addBram(admin, 'anna@zorg.example'))
      .thenThrows(refusedWith('email_in_use'), /Anna de Vries/));

  it('need a valid e-mail address', () =>
    spec.given(registered).when(addBram(admin, 'bram-at-zorg')).thenThrows(refusedWith('invalid_email')));

  it('lose their authorisation when deactivated', () =>
    spec
      .given(withBram)
      .when(command('DeactivateContact', admin, { contactId: 'c-emp' }))
      .then([
        {
          type: 'ContactAuthorisationRevoked',
          data: { ...by(admin), contactId: 'c-emp', reason: 'deactivated' },
        },
        { type: 'ContactDeactivated', data: { ...by(admin), contactId: 'c-emp' } },
      ]));

  it('cannot be authorised while inactive', () =>
    spec
      .given([...withBram, { type: 'ContactDeactivated', data: { ...by(admin), contactId: 'c-emp' } }])
      .when(command('AuthoriseContact', admin, { contactId: 'c-emp' }))
      .thenThrows(refusedWith('contact_inactive')));

  it('are authorised and revoked, each recorded once', () => {
    spec
      .given(withBram)
      .when(command('AuthoriseContact', admin, { contactId: 'c-emp' }))
      .then([]);
    spec
      .given(withBram)
      .when(command('RevokeAuthorisation', admin, { contactId: 'c-emp', reason: 'left the team' }))
      .then([
        {
          type: 'ContactAuthorisationRevoked',
          data: { ...by(admin), contactId: 'c-emp', reason: 'left the team' },
        },
      ]);
  });

  it('keep at least one active administrator: the last one cannot be deactivated', () =>
    spec
      .given(withBram)
      .when(command('DeactivateContact', agent, { contactId: 'c-admin' }))
      .thenThrows(refusedWith('last_administrator'), /at least one active administrator/));

  it('keep at least one active administrator: the last one cannot be demoted', () =>
    spec
      .given(withBram)
      .when(command('ChangeContactRole', admin, { contactId: 'c-admin', role: 'customer_employee' }))
      .thenThrows(refusedWith('last_administrator')));

  it('may hand over administration: promote another first, then demote', () =>
    spec
      .given([
        ...withBram,
        { type: 'ContactRoleChanged', data: { ...by(admin), contactId: 'c-emp', role: 'customer_admin' } },
      ])
      .when(command('ChangeContactRole', admin, { contactId: 'c-admin', role: 'customer_employee' }))
      .then([
        {
          type: 'ContactRoleChanged',
          data: { ...by(admin), contactId: 'c-admin', role: 'customer_employee' },
        },
      ]));

  it('cannot take over the e-mail of an active contact when changing details', () =>
    spec
      .given(withBram)
      .when(
        command('ChangeContactDetails', admin, {
          contactId: 'c-emp',
          changes: { email: 'anna@zorg.example' },
        }),
      )
      .thenThrows(refusedWith('email_in_use')));

  it('take a field given as undefined as not given: nothing changes, nothing is recorded', () =>
    spec
      .given(withBram)
      .when(
        command('ChangeContactDetails', admin, {
          contactId: 'c-emp',
          changes: { name: undefined, email: undefined, phone: undefined, language: undefined },
        }),
      )
      .then([]));

  it('are unknown when the id is not one of the organisation', () =>
    spec
      .given(registered)
      .when(command('AuthoriseContact', admin, { contactId: 'nobody' }))
      .thenThrows(refusedWith('contact_not_found')));

  it('are not changed while the organisation is inactive', () =>
    spec
      .given([
        ...withBram,
        { type: 'OrganisationDeactivated', data: { ...by(agent), reason: 'contract ended' } },
      ])
      .when(command('AuthoriseContact', admin, { contactId: 'c-emp' }))
      .thenThrows(refusedWith('organisation_inactive')));
});

describe("another organisation's customers", () => {
  it('cannot authorise its contacts', () =>
    spec
      .given(withBram)
      .when({ type: 'AuthoriseContact', actor: foreignAdmin, at, data: { contactId: 'c-emp' } })
      .thenThrows(refusedWith('organisation_not_found')));
});

describe('erasing a contact', () => {
  const erase = (actor = admin, contactId = bram.id, reason = 'Asked to be forgotten') => ({
    type: 'EraseContact' as const,
    actor,
    at,
    data: { contactId, reason },
  });
  const erased = {
    type: 'ContactErased' as const,
    data: { ...by(admin), contactId: bram.id, reason: 'Asked to be forgotten' },
  };

  it('records who, when and why, and nothing personal', () =>
    spec.given(withBram).when(erase()).then([erased]));

  it('is for agents and the organisation\u2019s administrators', () => {
    spec
      .given(withBram)
      .when(erase(agent))
      .then([{ ...erased, data: { ...erased.data, by: agent.id } }]);
    spec.given(withBram).when(erase(employee)).thenThrows(refusedWith('not_a_maintainer'));
    spec.given(withBram).when(erase(foreignAdmin)).thenThrows(refusedWith('organisation_not_found'));
  });

  it('needs a reason, and a contact that exists', () => {
    spec
      .given(withBram)
      .when(erase(admin, bram.id, '  '))
      .thenThrows(refusedWith('reason_required'));
    spec.given(withBram).when(erase(admin, 'c-nobody')).thenThrows(refusedWith('contact_not_found'));
  });

  it('records nothing the second time', () =>
    spec
      .given([...withBram, erased])
      .when(erase())
      .then([]));

  it('keeps an active administrator', () =>
    spec.given(withBram).when(erase(agent, anna.id)).thenThrows(refusedWith('last_administrator')));

  describe('by retention', () => {
    const system = { id: 'retention', role: 'system' as const };
    const deactivated = [
      ...withBram,
      { type: 'ContactDeactivated' as const, data: { ...by(admin), contactId: bram.id } },
    ];
    const byRetention = (actor: typeof system | typeof agent = system) => ({
      ...erase(actor, bram.id, 'retention: no longer a contact'),
      data: { contactId: bram.id, reason: 'retention: no longer a contact', byRetention: true },
    });

    it('lets the system erase a contact who is no longer active', () =>
      spec
        .given(deactivated)
        .when(byRetention())
        .then([
          {
            type: 'ContactErased',
            data: { ...by(system), contactId: bram.id, reason: 'retention: no longer a contact' },
          },
        ]));

    it('never erases an active contact, e.g. one reactivated since the sweep looked', () =>
      spec.given(withBram).when(byRetention()).thenThrows(refusedWith('contact_active')));

    it('is the system\u2019s alone', () =>
      spec.given(deactivated).when(byRetention(agent)).thenThrows(refusedWith('system_only')));

    it('still refuses the system an erasure on request', () =>
      spec
        .given(deactivated)
        .when(erase(system as never))
        .thenThrows(refusedWith('not_a_maintainer')));
  });

  it('happens also when the organisation is inactive', () =>
    spec
      .given([...withBram, { type: 'OrganisationDeactivated', data: { ...by(agent), reason: 'ended' } }])
      .when(erase())
      .then([erased]));

  it('leaves an erased contact unchangeable', () =>
    spec
      .given([...withBram, erased])
      .when({ type: 'AuthoriseContact', actor: admin, at, data: { contactId: bram.id } })
      .thenThrows(refusedWith('contact_erased')));

  it('shows the contact as erased: no name, e-mail or phone, not active, not authorised', () => {
    const state = [...withBram, erased].reduce(organisationDecider.evolve, organisationDecider.initialState);
    expect(state.status !== 'unregistered' && state.contacts[bram.id]).toEqual({
      ...bram,
      name: 'erased contact',
      email: '',
      phone: undefined,
      active: false,
      authorised: false,
      erased: true,
    });
  });
});
