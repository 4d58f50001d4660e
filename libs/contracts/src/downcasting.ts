/**
 * Turns the data of an event's version into the one before it, for subscribers that still read
 * the older published type. A `.v2` is a new type (architecture.md): a subscriber written
 * against `.v1` filters on `.v1` and would see nothing once only `.v2` is published. So the
 * relay publishes every version a downcaster chain reaches beside the current one, as its own
 * message with the same event id (one event, two forms: a subscriber of both handles it once).
 */
export interface Downcaster {
  /** The domain name, e.g. `AttachmentAdded`. */
  name: string;
  /** The version the data is turned into, one below the version it comes from. */
  toVersion: number;
  downcast(data: Record<string, unknown>): Record<string, unknown>;
}

/** Each step down from a current version to an earlier one still published (see SUPERSEDED_TICKET_EVENTS). */
export const DOWNCASTERS: readonly Downcaster[] = [
  {
    // v1 subscribers read the byte count as `size`.
    name: 'AttachmentAdded',
    toVersion: 1,
    downcast: ({ sizeBytes, ...rest }) => ({ ...rest, size: sizeBytes }),
  },
];

/** One published form of an event: its version and the data of that version. */
export interface PublishedForm {
  version: number;
  data: Record<string, unknown>;
}

/** The current form first, then every earlier version still published, newest first. */
export const publishedForms = (
  downcasters: readonly Downcaster[],
  name: string,
  current: PublishedForm,
): PublishedForm[] => {
  const step = downcasters.find((d) => d.name === name && d.toVersion === current.version - 1);
  if (!step) return [current];
  return [
    current,
    ...publishedForms(downcasters, name, { version: step.toVersion, data: step.downcast(current.data) }),
  ];
};
