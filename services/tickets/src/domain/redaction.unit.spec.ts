import { evolveOrganisation, type RegisteredOrganisation } from '@helpdesk/contracts';
import { deciderSpec, refusedWith } from '@helpdesk/decider';
import {
  agent,
  change,
  closed,
  command,
  organisation,
  registered,
  reporter,
} from './testing/ticket.fixtures';
import { ticketDecider } from './ticket.decider';
import type { TicketEvent } from './ticket.events';

const spec = deciderSpec(ticketDecider);
const commented: TicketEvent = {
  type: 'CommentAdded',
  data: {
    ...change(reporter),
    commentId: 'cm-1',
    body: 'My colleague Piet Jansen (BSN 123456782) cannot log in',
    visibility: 'public',
    authorRole: reporter.role,
    firstResponse: false,
  },
};
const redactComment = (actor = agent, comment = 'cm-1', reason = 'Holds a BSN number') =>
  command('RedactText', actor, { text: { comment }, reason });
const commentRedacted: TicketEvent = {
  type: 'CommentRedacted',
  data: { ...change(agent), commentId: 'cm-1', reason: 'Holds a BSN number' },
};

describe('redacting a comment or the description', () => {
  it('records who redacted which comment and why, without the text', () =>
    spec
      .given([...registered(), commented])
      .when(redactComment())
      .then([commentRedacted]));

  it('records a description redaction', () =>
    spec
      .given(registered())
      .when(command('RedactText', agent, { text: 'description', reason: 'A patient name' }))
      .then([{ type: 'DescriptionRedacted', data: { ...change(agent), reason: 'A patient name' } }]));

  it('works on a closed ticket too, and records nothing the second time', () => {
    spec
      .given([...closed(), commented])
      .when(redactComment())
      .then([commentRedacted]);
    spec
      .given([...registered(), commented, commentRedacted])
      .when(redactComment())
      .then([]);
  });

  it('is for agents only', () =>
    spec
      .given([...registered(), commented])
      .when(redactComment(reporter))
      .thenThrows(refusedWith('agents_only')));

  it('needs a reason and a comment the ticket has', () => {
    spec
      .given([...registered(), commented])
      .when(redactComment(agent, 'cm-1', '  '))
      .thenThrows(refusedWith('text_required'));
    spec
      .given([...registered(), commented])
      .when(redactComment(agent, 'cm-2'))
      .thenThrows(refusedWith('comment_not_found'));
  });
});

describe('an erased reporter', () => {
  it('cannot have a ticket filed for them; the refusal names no one', () => {
    const erased = evolveOrganisation(organisation(), {
      type: 'ContactErased',
      data: {
        organisationId: 'org-1',
        by: 'agent-1',
        at: change(agent).at,
        contactId: 'c-reporter',
        reason: 'art. 17',
      },
    }) as RegisteredOrganisation;
    let refusal: Error | undefined;
    try {
      ticketDecider.decide(
        command('RegisterTicket', agent, {
          ticketId: 't-1',
          number: 'HD-00042',
          kind: 'error',
          channel: 'phone',
          subject: 'Export fails',
          description: 'It stops.',
          organisationId: 'org-1',
          reporterId: 'c-reporter',
          organisation: erased,
        }),
        ticketDecider.initialState,
      );
    } catch (error) {
      refusal = error as Error;
    }
    expect(refusedWith('reporter_erased')(refusal)).toBe(true);
    expect(refusal?.message).not.toContain('Contact c-reporter <');
  });
});
