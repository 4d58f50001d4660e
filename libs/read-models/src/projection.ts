import type { View } from './view';

/** What a projection sees of a stored event. */
export interface ProjectedEvent {
  streamId: string;
  /** The event's revision in its stream: the per-document idempotency key. */
  revision: number;
  /** The event's place in the global log: the checkpoint. */
  position: bigint;
  type: string;
  data: unknown;
  /** What was written at append, `schemaVersion` among it: decodeEvent (libs/contracts) reads it. */
  metadata?: Record<string, unknown>;
  recordedAt: Date;
}

/**
 * A read model as a pure fold: which document an event belongs to, and what that document
 * becomes. The same function serves the live read model, a rebuild, and "as it was at T"
 * (folding a stream up to a time), so the three can never disagree.
 */
export interface Projection<V extends View> {
  readonly name: string;
  /** The document this event changes, or undefined when this projection ignores it. */
  documentId(event: ProjectedEvent): string | undefined;
  /** The document after the event; `current` is undefined for the first event of a document. */
  evolve(current: V | undefined, event: ProjectedEvent): V;
}

/** Folds one stream's events into its document, as the projection would. */
export const foldView = <V extends View>(projection: Projection<V>, events: readonly ProjectedEvent[]) =>
  events.reduce<V | undefined>(
    (view, event) =>
      projection.documentId(event) === undefined ? view : withRevision(projection.evolve(view, event), event),
    undefined,
  );

export const withRevision = <V extends View>(view: V, event: ProjectedEvent): V => ({
  ...view,
  revision: event.revision,
});
