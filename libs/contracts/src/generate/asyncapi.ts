import { createGenerator } from 'ts-json-schema-generator';
import { CATALOGUE, cloudEventType, type TopicContract } from '../catalogue';
import { schemaUrn } from '../cloud-event';

type Schema = Record<string, unknown>;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The JSON Schemas of a topic's TypeScript event union, keyed by definition name. */
const generatedDefinitions = (topic: TopicContract): Record<string, Schema> => ({
  ...(topic.types.superseded ? definitionsOf(topic, topic.types.superseded) : {}),
  ...definitionsOf(topic, topic.types.union),
});

const definitionsOf = (topic: TopicContract, union: string): Record<string, Schema> => {
  const generator = createGenerator({
    path: topic.types.file,
    tsconfig: 'tsconfig.base.json',
    type: union,
    skipTypeCheck: true,
    additionalProperties: false,
    jsDoc: 'extended',
  });
  const { definitions = {} } = generator.createSchema(union);
  // The generator points at "#/definitions/X"; in AsyncAPI they live under components.schemas.
  return JSON.parse(JSON.stringify(definitions).replaceAll('"#/definitions/', '"#/components/schemas/'));
};

/** The CloudEvents envelope every message shares; each message narrows type, source and data. */
const ENVELOPE: Schema = {
  type: 'object',
  description: 'CloudEvents 1.0, structured JSON mode. Deduplicate by `id`; `sequence` orders one subject.',
  required: [
    'specversion',
    'id',
    'source',
    'type',
    'subject',
    'time',
    'datacontenttype',
    'dataschema',
    'sequence',
    'data',
  ],
  properties: {
    specversion: { const: '1.0' },
    id: { type: 'string', format: 'uuid', description: 'The event id: the same on every redelivery.' },
    source: { type: 'string' },
    type: { type: 'string', description: 'helpdesk.<aggregate>.<event>.v<version>' },
    subject: { type: 'string', description: 'The aggregate id; also the Kafka key.' },
    time: { type: 'string', format: 'date-time' },
    datacontenttype: { const: 'application/json' },
    dataschema: { type: 'string' },
    sequence: {
      type: 'string',
      pattern: '^[0-9]+$',
      description: "The event's revision in its aggregate, from 0.",
    },
    correlationid: { type: 'string' },
    causationid: { type: 'string' },
    traceparent: {
      type: 'string',
      description:
        'W3C trace context of the publish (Distributed Tracing extension); the same as the header.',
    },
    tracestate: { type: 'string' },
    data: { type: 'object' },
  },
};

/** Builds the AsyncAPI 3 document of every topic and message from the catalogue and the code's types. */
export const buildAsyncApi = (catalogue: TopicContract[] = CATALOGUE) => {
  const schemas: Record<string, Schema> = { CloudEvent: ENVELOPE };
  const messages: Record<string, Schema> = {};
  const channels: Record<string, Schema> = {};
  const operations: Record<string, Schema> = {};
  for (const topic of catalogue) {
    const definitions = generatedDefinitions(topic);
    const eventTypes = new Set(topic.events.map((e) => e.typeName ?? e.name));
    const unions = new Set([topic.types.union, topic.types.superseded]);
    for (const [name, schema] of Object.entries(definitions)) {
      if (!unions.has(name) && !eventTypes.has(name)) schemas[name] = schema;
    }
    const channelMessages: Record<string, Schema> = {};
    for (const event of topic.events) {
      const type = cloudEventType(topic.aggregate, event.name, event.version);
      const generated = definitions[event.typeName ?? event.name] as
        { properties?: { data?: Schema } } | undefined;
      if (!generated?.properties?.data) throw new Error(`${topic.types.union} has no event ${event.name}`);
      schemas[type] = { ...generated.properties.data, description: event.summary };
      messages[type] = {
        name: type,
        title: event.name,
        summary: event.summary,
        contentType: 'application/cloudevents+json',
        headers: {
          type: 'object',
          properties: { traceparent: { type: 'string', description: 'W3C trace context' } },
        },
        payload: {
          allOf: [
            ref('CloudEvent'),
            {
              properties: {
                type: { const: type },
                source: { const: topic.source },
                dataschema: { const: schemaUrn(type) },
                data: ref(type),
              },
            },
          ],
        },
        examples: [{ name: event.name, payload: exampleMessage(topic, type, event.example) }],
      };
      channelMessages[type] = { $ref: `#/components/messages/${type}` };
    }
    const key = topic.topic;
    channels[key] = { address: topic.topic, description: topic.description, messages: channelMessages };
    operations[`publish ${key}`] = {
      action: 'send',
      summary: `The ${topic.aggregate} owner publishes every committed event, in store order.`,
      channel: { $ref: `#/channels/${key}` },
      messages: Object.keys(channelMessages).map((type) => ({ $ref: `#/channels/${key}/messages/${type}` })),
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Helpdesk events',
      version: '1.0.0',
      description:
        'Every domain event of the support desk, as CloudEvents on Kafka. Generated from libs/contracts ' +
        '(`npm run contracts:generate`); a test fails when it drifts from the code or breaks a published version.',
    },
    defaultContentType: 'application/cloudevents+json',
    channels,
    operations,
    components: { schemas, messages },
  };
};

const exampleMessage = (topic: TopicContract, type: string, data: unknown) => ({
  specversion: '1.0',
  id: '0b7e6a52-4c1d-4e8f-9a3b-5d6c7e8f9a0b',
  source: topic.source,
  type,
  subject: (data as { ticketId?: string }).ticketId ?? 'aggregate-id',
  time: (data as { at?: string }).at ?? '2026-11-20T09:12:00.000Z',
  datacontenttype: 'application/json',
  dataschema: schemaUrn(type),
  sequence: '0',
  data,
});
