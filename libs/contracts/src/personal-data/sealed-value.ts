/**
 * A personal value (a person's name, e-mail address, phone number) as the desk stores and
 * publishes it: encrypted under a key of that person alone, so that erasing them (deleting the
 * key) makes every copy unreadable, in the event store, on the topics and at every subscriber.
 *
 * `{"pii":1,"subject":"contact:<id>","iv":"<base64>","ct":"<base64>"}`: AES-256-GCM with the
 * 12-byte `iv`; `ct` is the UTF-8 value's ciphertext followed by the 16-byte tag; the subject's
 * UTF-8 bytes are the additional authenticated data. A subscriber holding the
 * `personal-data:read` scope gets the subject's key from `GET /personal-data/keys/{subject}`
 * (404/410 once erased) and decrypts; any other treats the object as opaque.
 */
export interface SealedValue {
  /** The envelope's format: 1 is AES-256-GCM as above. */
  pii: 1;
  /**
   * Whose key opens it: `<kind>:<id>`, e.g. `contact:6f1c…`.
   * @pattern ^[a-z][a-z-]*:[^\s]{1,200}$
   */
  subject: string;
  /**
   * The GCM nonce, 12 bytes, base64.
   * @contentEncoding base64
   */
  iv: string;
  /**
   * Ciphertext then the 16-byte GCM tag, base64.
   * @contentEncoding base64
   */
  ct: string;
}

/** One personal value of an event: where it is in the data and whose it is. */
export interface PersonalField {
  /** Keys from the data's root, e.g. `['contact', 'email']` or `['participants', 0, 'email']`. */
  path: readonly (string | number)[];
  /** Whose key seals it, e.g. `contact:<id>`. */
  subject: string;
}

/** Which values of an event type's data are personal. */
export type PersonalFieldsOf = (data: Record<string, unknown>) => PersonalField[];

/** The subject of a contact's personal data. */
export const contactSubject = (contactId: string) => `contact:${contactId}`;
