import type { Organisation } from '@helpdesk/contracts';
import { deciderSpec, refusedWith } from '@helpdesk/decider';
import { MAX_ATTACHMENT_BYTES } from './attachment-limits';
import {
  admin,
  agent,
  change,
  closed,
  colleague,
  command,
  inProgress,
  organisation,
  registered,
  reporter,
  triaged,
} from './testing/ticket.fixtures';
import { ticketDecider } from './ticket.decider';
import type { TicketEvent } from './ticket.events';

const spec = deciderSpec(ticketDecider);
const comment = (actor = agent, visibility: 'public' | 'internal' = 'public', body = 'Looking into it') =>
  command('AddComment', actor, { commentId: 'cm-1', body, visibility });
const commented = (
  actor = agent,
  firstResponse = true,
  visibility: 'public' | 'internal' = 'public',
): TicketEvent => ({
  type: 'CommentAdded',
  data: {
    ...change(actor),
    commentId: 'cm-1',
    body: 'Looking into it',
    visibility,
    authorRole: actor.role,
    firstResponse,
  },
});

describe('comments', () => {
  it("mark an agent's first public comment as the first response", () =>
    spec.given(triaged()).when(comment()).then([commented()]));

  it('mark no first response after the first one', () =>
    spec
      .given([...triaged(), commented()])
      .when(comment())
      .then([commented(agent, false)]));

  it('from an agent, internal, are no first response', () =>
    spec
      .given(triaged())
      .when(comment(agent, 'internal'))
      .then([commented(agent, false, 'internal')]));

  it('from a customer, are no first response', () =>
    spec
      .given(triaged())
      .when(comment(reporter))
      .then([commented(reporter, false)]));

  it('internal ones are written by agents only', () =>
    spec.given(triaged()).when(comment(admin, 'internal')).thenThrows(refusedWith('agents_only')));

  it("from the customer answer the agent's question", () =>
    spec
      .given([
        ...inProgress(),
        { type: 'WaitingForCustomer', data: { ...change(agent), question: 'Which browser?' } },
      ])
      .when(comment(reporter))
      .then([commented(reporter, false), { type: 'CustomerReplied', data: change(reporter) }]));

  it('are refused on a closed ticket until it is reopened', () =>
    spec
      .given(closed())
      .when(comment(reporter))
      .thenThrows(refusedWith('illegal_transition'), /Reopen it first/));

  it('need a body', () =>
    spec
      .given(triaged())
      .when(comment(agent, 'public', ' '))
      .thenThrows(refusedWith('text_required')));

  it('are not written by a colleague who is not involved', () =>
    spec.given(triaged()).when(comment(colleague)).thenThrows(refusedWith('ticket_not_found')));
});

describe('attachments', () => {
  const attach = (size: number, contentType = 'image/png') =>
    command('AddAttachment', reporter, {
      attachmentId: 'a-1',
      fileName: 'screen.png',
      contentType,
      size,
      sha256: 'ab'.repeat(32),
    });

  it('are recorded by their metadata', () =>
    spec
      .given(registered())
      .when(attach(2048))
      .then([
        {
          type: 'AttachmentAdded',
          data: {
            ...change(reporter),
            attachmentId: 'a-1',
            fileName: 'screen.png',
            contentType: 'image/png',
            sizeBytes: 2048,
            sha256: 'ab'.repeat(32),
          },
        },
      ]));

  it('may not exceed the size limit', () =>
    spec
      .given(registered())
      .when(attach(MAX_ATTACHMENT_BYTES + 1))
      .thenThrows(refusedWith('attachment_too_large'), /25 MiB/));

  it('may not be of a type that is not allowed', () =>
    spec
      .given(registered())
      .when(attach(10, 'application/x-msdownload'))
      .thenThrows(refusedWith('attachment_type')));

  it('may not be empty', () =>
    spec.given(registered()).when(attach(0)).thenThrows(refusedWith('empty_attachment')));
});

describe('participants', () => {
  const add = (
    actor = reporter,
    participant: { contactId: string } | { email: string } = { contactId: 'c-colleague' },
    directory: Organisation = organisation(),
  ) => command('AddParticipant', actor, { participant, organisation: directory });
  const added: TicketEvent = {
    type: 'ParticipantAdded',
    data: { ...change(reporter), participant: { contactId: 'c-colleague' } },
  };

  it('are added by the reporter', () => spec.given(registered()).when(add()).then([added]));

  it('are added by e-mail address, normalised', () =>
    spec
      .given(registered())
      .when(add(agent, { email: ' Boss@Zorg.example ' }))
      .then([
        { type: 'ParticipantAdded', data: { ...change(agent), participant: { email: 'boss@zorg.example' } } },
      ]));

  it('are added once', () =>
    spec
      .given([...registered(), added])
      .when(add())
      .then([]));

  it('can then see and comment on the ticket', () =>
    spec
      .given([...triaged(), added])
      .when(comment(colleague))
      .then([commented(colleague, false)]));

  it('are removed', () =>
    spec
      .given([...registered(), added])
      .when(command('RemoveParticipant', admin, { participant: { contactId: 'c-colleague' } }))
      .then([
        { type: 'ParticipantRemoved', data: { ...change(admin), participant: { contactId: 'c-colleague' } } },
      ]));

  /** A 422 naming the field, as the problem+json will. */
  const notAContact = (reason: string) => (error: unknown) => {
    expect(error).toMatchObject({
      kind: 'invalid',
      code: 'participant_not_a_contact',
      details: { errors: [{ field: 'contactId', reason }] },
    });
    return true;
  };

  it.each([
    ['a contact of another organisation', 'c-elsewhere', organisation({ id: 'org-2' })],
    ['an id that exists nowhere', 'c-nobody', organisation()],
    ['an organisation the desk does not know', 'c-colleague', { status: 'unregistered' } as const],
  ])('are refused when the contact id is %s', (_, contactId, directory) =>
    spec
      .given(registered())
      .when(add(agent, { contactId }, directory))
      .thenThrows(notAContact("is not a contact of the ticket's organisation")),
  );

  it('are refused when the contact is no longer active', () => {
    const directory = organisation();
    const inactive = { ...directory.contacts['c-colleague'], active: false };
    return spec
      .given(registered())
      .when(
        add(reporter, { contactId: 'c-colleague' }, { ...directory, contacts: { 'c-colleague': inactive } }),
      )
      .thenThrows(notAContact('is no longer an active contact'));
  });

  it('are not added by a participant who is not the reporter', () =>
    spec
      .given([...registered(), added])
      .when(add(colleague, { contactId: 'c-x' }))
      .thenThrows(refusedWith('reporter_only')));
});

describe('assignment', () => {
  it('goes to a specialist, optionally in a team', () =>
    spec
      .given(triaged())
      .when(command('AssignTicket', agent, { assigneeId: 'agent-7', team: 'exports' }))
      .then([
        { type: 'TicketAssigned', data: { ...change(agent), assigneeId: 'agent-7', team: 'exports' } },
      ]));

  it('is done by agents only', () =>
    spec
      .given(triaged())
      .when(command('AssignTicket', admin, { assigneeId: 'agent-7' }))
      .thenThrows(refusedWith('agents_only')));
});

describe('remote session consent', () => {
  const given: TicketEvent = { type: 'RemoteSessionConsentGiven', data: change(reporter) };

  it('is given by the customer', () =>
    spec.given(triaged()).when(command('GiveRemoteSessionConsent', reporter)).then([given]));

  it('can be withdrawn', () =>
    spec
      .given([...triaged(), given])
      .when(command('WithdrawRemoteSessionConsent', admin))
      .then([{ type: 'RemoteSessionConsentWithdrawn', data: change(admin) }]));

  it('is not given by an agent for the customer', () =>
    spec
      .given(triaged())
      .when(command('GiveRemoteSessionConsent', agent))
      .thenThrows(refusedWith('reporter_only')));
});
