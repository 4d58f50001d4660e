import type { Priority, TicketStatus } from '@helpdesk/contracts';
import { html, type Html } from '../html/html';
import type { I18n } from '../i18n/i18n';
import { priorityLabel, statusLabel } from './ticket-labels';

interface ListedTicket {
  id: string;
  number: string;
  subject: string;
  status: TicketStatus;
  priority?: Priority;
  updatedAt: string;
}

/** A column a list shows beside the ones every list of tickets has. */
export interface TicketColumn<T> {
  heading: string;
  cell: (ticket: T) => Html | string;
}

/**
 * The table of tickets every list shows (a customer's tickets, the agents' queue): number (a link
 * to the ticket's page), subject, status, priority, any extra columns, and the last change.
 */
export const ticketTable = <T extends ListedTicket>(
  { t, dateTime }: Pick<I18n, 't' | 'dateTime'>,
  options: { caption: string; pageOf: (ticket: T) => string; tickets: T[]; extra?: TicketColumn<T>[] },
) => {
  const extra = options.extra ?? [];
  return html`<table>
    <caption class="meta">
      ${options.caption}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t('tickets.number')}</th>
        <th scope="col">${t('tickets.subject')}</th>
        <th scope="col">${t('tickets.status')}</th>
        <th scope="col">${t('tickets.priority')}</th>
        ${extra.map((column) => html`<th scope="col">${column.heading}</th>`)}
        <th scope="col">${t('tickets.updated')}</th>
      </tr>
    </thead>
    <tbody>
      ${options.tickets.map(
        (ticket) =>
          html`<tr>
            <td><a href="${options.pageOf(ticket)}">${ticket.number}</a></td>
            <td>${ticket.subject}</td>
            <td>${statusLabel(t, ticket.status)}</td>
            <td>${priorityLabel(t, ticket.priority)}</td>
            ${extra.map((column) => html`<td>${column.cell(ticket)}</td>`)}
            <td><time datetime="${ticket.updatedAt}">${dateTime(ticket.updatedAt)}</time></td>
          </tr>`,
      )}
    </tbody>
  </table>`;
};
