// The release's events are its published contract, kept with the others in libs/contracts.
// Imported by path until libs/contracts/src/index.ts exports the releases folder; then this
// becomes `export type * from '@helpdesk/contracts'` like the tickets service.
export type * from '../../../../libs/contracts/src/releases/release-events';
