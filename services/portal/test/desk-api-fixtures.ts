// What an agent does over the API in the portal's tests (the agents' pages come later).
import { DEVELOPMENT_JWT_SECRET, signDevToken } from '@helpdesk/platform';
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
  return {
    call,
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
