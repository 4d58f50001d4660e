import { assertSubject } from './envelope';
import { newDataKey } from './field-cipher';
import { type PersonalDataKeyStore, SubjectErasedError } from './key-store';

/** Keys in a map: unit tests, and nothing else (keys die with the process). */
export class InMemoryKeyStore implements PersonalDataKeyStore {
  private readonly keys = new Map<string, Buffer | 'shredded'>();

  async keyFor(subject: string) {
    assertSubject(subject);
    const existing = this.keys.get(subject);
    if (existing === 'shredded') throw new SubjectErasedError(subject);
    if (existing) return existing;
    const key = newDataKey();
    this.keys.set(subject, key);
    return key;
  }

  async findKeys(subjects: readonly string[]) {
    const found = new Map<string, Buffer>();
    for (const subject of subjects) {
      const key = this.keys.get(subject);
      if (key && key !== 'shredded') found.set(subject, key);
    }
    return found;
  }

  async isErased(subject: string) {
    return this.keys.get(subject) === 'shredded';
  }

  async shred(subject: string) {
    assertSubject(subject);
    const wasShredded = this.keys.get(subject) === 'shredded';
    this.keys.set(subject, 'shredded');
    return !wasShredded;
  }

  async close() {}
}
