import { type Stack } from '../../../deploy/local/stack/stack';
import type { CommandLoad, LoadDesk, LoadTargets } from './command-load';
import { agent, call, callAny } from './desk-client';
import { urlsOf } from './test-stack';
import { eventually } from '@helpdesk/testing';

export const loadTargets = (stack: Stack): LoadTargets => ({
  tickets: () => urlsOf(stack, 'tickets'),
  contacts: () => urlsOf(stack, 'contacts'),
  releases: () => urlsOf(stack, 'releases'),
});

/**
 * An organisation registered through the contacts service, and proof that it reached the
 * tickets service over Kafka: a ticket filed for its administrator is accepted.
 */
export const seedDesk = async (stack: Stack, slaPolicy = 'restore-time'): Promise<LoadDesk> => {
  const registered = await callAny(urlsOf(stack, 'contacts'), 'POST', '/organisations', agent, {
    name: `Ops ${stack.name}`,
    slaPolicy,
    administrator: {
      name: 'Anna de Vries',
      email: `anna@${stack.name.replace(/_/g, '-')}.example`,
      language: 'nl',
    },
  });
  if (registered.status !== 201)
    throw new Error(`registering the organisation answered ${JSON.stringify(registered)}`);
  const desk: LoadDesk = {
    organisationId: String(registered.body.id),
    administrator: {
      id: String(registered.body.administratorId),
      role: 'customer_admin',
      organisationId: String(registered.body.id),
    },
  };
  await eventually(
    () =>
      call(urlsOf(stack, 'tickets')[0], 'POST', '/tickets', desk.administrator, {
        kind: 'question',
        subject: 'Does the desk know us yet?',
        description: 'The first ticket, filed once the organisation reached the tickets service.',
      }),
    (answer) => answer.status === 201,
    90000,
  );
  return desk;
};

/** A request only this service answers, from its read side: it serves, not just lives. */
export const servingRequest = (service: string, desk: LoadDesk): [string, string] => {
  switch (service) {
    case 'tickets':
      return ['/tickets?limit=1', 'GET'];
    case 'contacts':
      return [`/organisations/${desk.organisationId}`, 'GET'];
    case 'sla-monitor':
      return ['/sla/board', 'GET'];
    case 'notifications':
      return ['/notifications?ticket=none', 'GET'];
    default:
      return ['/releases?limit=1', 'GET'];
  }
};

/** Stored revisions short of what was acknowledged: commands the desk said yes to and then lost. */
export const lostCommands = async (load: CommandLoad, stores: Record<string, Map<string, number>>) =>
  load.acknowledged.filter((ack) => (stores[ack.service].get(ack.stream) ?? -1) < ack.revision);
