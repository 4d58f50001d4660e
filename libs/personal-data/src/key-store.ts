/**
 * Where the desk keeps one data key per person (subject). Erasing a person shreds their key: every
 * sealed copy of their data, in the event store, on the topics and in subscribers' stores, can no
 * longer be opened. A shredded subject is remembered, so no new key is ever made for it.
 */
export interface PersonalDataKeyStore {
  /** The subject's key, made on first use; throws SubjectErasedError once shredded. */
  keyFor(subject: string): Promise<Buffer>;
  /** The keys these subjects have; a subject without one (erased, or never keyed) is absent. */
  findKeys(subjects: readonly string[]): Promise<Map<string, Buffer>>;
  /** Whether the subject's key was shredded. */
  isErased(subject: string): Promise<boolean>;
  /** Deletes the key for good; true when this call shredded it, false when it already was. */
  shred(subject: string): Promise<boolean>;
  close(): Promise<void>;
}

export class SubjectErasedError extends Error {
  constructor(readonly subject: string) {
    super(`${subject} was erased: no personal data can be recorded for them any more`);
    this.name = 'SubjectErasedError';
  }
}
