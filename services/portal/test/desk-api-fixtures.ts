// What an agent does over the API in the portal's tests (the agents' pages come later).
import { DEVELOPMENT_JWT_SECRET, signDevToken } from '@helpdesk/platform';
import { eventually } from '@helpdesk/test-infra';
import type { StandaloneDesk } from './desk-process';

export const agentApi = (desk: StandaloneDesk) => {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const token = await signDevToken(DEVELOPMENT_JWT_SECRET, { id: 'agent-1', role: 'agent' });
    const response = await fetch(`${desk.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  /**
   * A command that another service decides on its copy of a ticket, which Kafka brings a moment
   * after the ticket's own change (the releases service's "is it being worked on"): tried again
   * while it is refused for that reason, for at most 15 s, as a client of an eventually
   * consistent desk would.
   */
  const callOnceCopied = async <T>(refusal: string, method: string, path: string, body?: unknown) => {
    const attempt = () =>
      call<T>(method, path, body).then(
        (value) => ({ value }),
        (error: Error) => ({ refused: error.message }),
      );
    const outcome = await eventually(
      attempt,
      (answer) => !('refused' in answer && answer.refused.includes(refusal)),
      15_000,
    );
    if ('refused' in outcome) throw new Error(outcome.refused);
    return outcome.value;
  };
  return {
    call,
    callOnceCopied,
    registerOrganisation: (
      name: string,
      administrator: { name: string; email: string; language: 'nl' | 'en' },
    ) =>
      call<{ id: string; administratorId: string }>('POST', '/organisations', {
        name,
        slaPolicy: 'restore-time',
        administrator,
      }),
    addContact: (organisationId: string, contact: { name: string; email: string; language: 'nl' | 'en' }) =>
      call<{ id: string }>('POST', `/organisations/${organisationId}/contacts`, contact),
    authorise: (contactId: string) => call('POST', `/contacts/${contactId}/authorisation`),
  };
};
