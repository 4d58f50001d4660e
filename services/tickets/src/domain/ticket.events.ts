// The ticket's events are its published contract, kept with the others in libs/contracts.
export type * from '@helpdesk/contracts';
