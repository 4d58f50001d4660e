// The SLA events are the monitor's published contract, kept with the others in libs/contracts.
export * from '@helpdesk/contracts';
