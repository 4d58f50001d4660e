import { PRIORITIES, STATUSES, type Priority, type TicketStatus } from '@helpdesk/contracts';
import { html, type Html } from '../html/html';
import type { Translate } from '../i18n/i18n';
import { priorityLabel, statusLabel } from './ticket-labels';

/** A GET parameter that must be one of `allowed`; anything else is no filter. */
export const choice = <T extends string>(allowed: readonly T[], value: string | null) =>
  value && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

/** One `<option>`, selected when it is the value the list is filtered by. */
export const option = (value: string, label: string, selected: string | undefined) =>
  html`<option value="${value}" ${selected === value ? html` selected` : ''}>${label}</option>`;

/** A labelled `<select>` of "any" and then every value, for a list's filter form. */
export const filterSelect = (
  name: string,
  label: string,
  any: string,
  values: Array<{ value: string; label: string }>,
  selected: string | undefined,
): Html =>
  html`<div>
    <label for="${name}">${label}</label
    ><select id="${name}" name="${name}">
      ${option('', any, selected ?? '')}${values.map((v) => option(v.value, v.label, selected))}
    </select>
  </div>`;

/** The status and priority filters every list of tickets offers (a customer's, the agents' queue). */
export const statusAndPriorityFilters = (
  t: Translate,
  filters: { status?: TicketStatus; priority?: Priority },
) =>
  html`${filterSelect(
    'status',
    t('tickets.status'),
    t('tickets.anyStatus'),
    STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) })),
    filters.status,
  )}${filterSelect(
    'priority',
    t('tickets.priority'),
    t('tickets.anyPriority'),
    PRIORITIES.map((p) => ({ value: p, label: priorityLabel(t, p) })),
    filters.priority,
  )}`;
