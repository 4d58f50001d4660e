import { eventNameOf, SCHEMA_VERSION, topicContract, versionOfType } from '@helpdesk/contracts';
import {
  applyToView,
  type ProjectedEvent,
  type Projection,
  type View,
  type ViewStore,
} from '@helpdesk/read-models';
import type { ConsumedEvent, EventHandler } from './consumed-event';

/** A consumed CloudEvent as a projection sees a stored one: its stream, revision and domain type. */
export const toProjectedEvent = ({ event, topic }: ConsumedEvent): ProjectedEvent => ({
  streamId: `${topicContract(topic).streamPrefix}${event.subject}`,
  revision: Number(event.sequence),
  position: 0n,
  type: eventNameOf(event.type),
  data: event.data,
  // The message's type names the version it was published at: decodeEvent upcasts from there.
  metadata: { [SCHEMA_VERSION]: versionOfType(event.type) },
  recordedAt: new Date(event.time),
});

/**
 * A handler that keeps a read model of another service's events: each event applied to its
 * document once, guarded by the document's revision (the CloudEvent's `sequence`), so a
 * redelivered or replayed event changes nothing.
 */
export const projectInto =
  <V extends View>(projection: Projection<V>, views: ViewStore<V>): EventHandler =>
  (message) =>
    applyToView(projection, views, toProjectedEvent(message));
