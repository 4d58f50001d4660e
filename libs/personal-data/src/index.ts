// Crypto-shredding: a key per person, their personal fields sealed under it, the key shredded on erasure.
export * from './envelope';
export { sealValue, openValue, KEY_BYTES } from './field-cipher';
export * from './key-store';
export * from './in-memory-key-store';
export * from './postgres-key-store';
export { parseMasterKey } from './master-key';
export * from './personal-fields';
export * from './personal-data-event-store';
export * from './migration/seal-legacy-events';
