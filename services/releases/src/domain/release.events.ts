// The release events are the releases service's published contract, kept with the others in libs/contracts.
export type * from '@helpdesk/contracts';
