import type { DeskClient } from '../desk-api/desk-client';
import { isLanguage } from '../i18n/i18n';
import type { PortalUser } from '../session/session-store';

interface ContactView {
  id: string;
  name: string;
  email: string;
  language?: string;
  role: 'customer_admin' | 'customer_employee';
  active: boolean;
}

interface OrganisationView {
  id: string;
  name: string;
  status: string;
  timeZone?: string;
}

interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

/**
 * Who an e-mail address is, for a sign-in link. Agents are `<agentId>@AGENT_EMAIL_DOMAIN`, the
 * addresses the desk already mails them at; anyone else must be an active contact of an active
 * organisation, looked up through the contacts API with the portal's own system token.
 */
export class PeopleDirectory {
  constructor(
    private readonly desk: () => Promise<DeskClient>,
    private readonly agentEmailDomain: string,
    private readonly deskTimeZone: string,
  ) {}

  async find(email: string): Promise<PortalUser | undefined> {
    const address = email.trim().toLowerCase();
    const [local, domain] = address.split('@');
    if (domain === this.agentEmailDomain.toLowerCase() && /^[\w.-]+$/.test(local ?? '')) {
      return {
        id: local,
        role: 'agent',
        name: local,
        email: address,
        language: 'en',
        timeZone: this.deskTimeZone,
      };
    }
    const desk = await this.desk();
    let cursor: string | undefined;
    do {
      const page = (
        await desk.get<Page<OrganisationView>>('/organisations', { query: { limit: 100, cursor } })
      ).body;
      for (const organisation of page.items.filter((org) => org.status === 'active')) {
        const contacts = (await desk.get<ContactView[]>(`/organisations/${organisation.id}/contacts`)).body;
        const contact = contacts.find((c) => c.active && c.email.toLowerCase() === address);
        if (contact)
          return {
            id: contact.id,
            role: contact.role,
            organisationId: organisation.id,
            name: contact.name,
            email: address,
            language: isLanguage(contact.language) ? contact.language : 'en',
            timeZone: organisation.timeZone ?? this.deskTimeZone,
          };
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return undefined;
  }
}
