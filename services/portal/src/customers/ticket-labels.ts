import type { Priority, TicketKind, TicketStatus } from '@helpdesk/contracts';
import type { Translate } from '../i18n/i18n';

/** The words for a ticket's status, kind and priority, shared by every page that shows them. */
export const statusLabel = (t: Translate, status: TicketStatus) => t(`status.${status}`);
export const kindLabel = (t: Translate, kind: TicketKind) => t(`kind.${kind}`);
export const priorityLabel = (t: Translate, priority: Priority | undefined) =>
  priority ? t(`priority.${priority}`) : t('priority.none');
