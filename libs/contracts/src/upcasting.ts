/**
 * Turns the data of an older version of an event into the next version. Stored events are
 * never rewritten: an event recorded as v1 is upcast when read, so code only ever handles the
 * current shape while the store keeps exactly what happened.
 */
export interface Upcaster {
  /** The domain name, e.g. `TicketRegistered`. */
  name: string;
  fromVersion: number;
  upcast(data: Record<string, unknown>): Record<string, unknown>;
}

/** Applies upcasters, one version at a time, until no upcaster takes the event further. */
export const upcast = (
  upcasters: readonly Upcaster[],
  name: string,
  version: number,
  data: Record<string, unknown>,
): { version: number; data: Record<string, unknown> } => {
  const next = upcasters.find((u) => u.name === name && u.fromVersion === version);
  return next ? upcast(upcasters, name, version + 1, next.upcast(data)) : { version, data };
};

/**
 * Every step from one stored version to the next. Add one here with the version bump in the
 * catalogue; `decodeEvent` runs them for every reader.
 */
export const UPCASTERS: readonly Upcaster[] = [
  {
    // v2 names the unit: `size` became `sizeBytes`.
    name: 'AttachmentAdded',
    fromVersion: 1,
    upcast: ({ size, ...rest }) => ({ ...rest, sizeBytes: size }),
  },
  // v2 seals name, e-mail and phone (SealedValue). A v1 event holds them in clear: they stay
  // legacy clear values (readers take a string as it is, an envelope opened) until
  // `npm run personal-data:migrate` seals them in the store; the relay seals them before publishing.
  { name: 'ContactAdded', fromVersion: 1, upcast: (data) => data },
  { name: 'ContactDetailsChanged', fromVersion: 1, upcast: (data) => data },
  // Likewise v2 of the tickets' and the mail log's events seals texts and outside addresses.
  ...[
    'TicketRegistered',
    'CommentAdded',
    'ParticipantAdded',
    'ParticipantRemoved',
    'MailReceived',
    'MessageQueued',
  ].map((name) => ({ name, fromVersion: 1, upcast: (data: Record<string, unknown>) => data })),
];
