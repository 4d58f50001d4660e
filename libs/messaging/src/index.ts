export * from './consumer/consumed-event';
export * from './consumer/handle-once';
export * from './consumer/processed-events';
export * from './consumer/retry';
export * from './kafka/kafka-event-consumer';
export * from './kafka/topics-admin';
export * from './relay/cloud-event-mapping';
export * from './relay/event-relay';
