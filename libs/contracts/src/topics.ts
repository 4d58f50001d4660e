/** One topic per publishing service; the key of every message is the aggregate id. */
export const TOPICS = {
  tickets: 'helpdesk.tickets.v1',
  contacts: 'helpdesk.contacts.v1',
  sla: 'helpdesk.sla.v1',
  releases: 'helpdesk.releases.v1',
  notifications: 'helpdesk.notifications.v1',
  mail: 'helpdesk.mail.v1',
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

/** Where a message goes that keeps failing, with the error, so its partition can move on. */
export const deadLetterTopic = (topic: string) => `${topic}.dlq`;
