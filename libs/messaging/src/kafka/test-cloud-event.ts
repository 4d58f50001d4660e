import type { CloudEvent } from '@helpdesk/contracts';
import { randomUUID } from 'node:crypto';

/** A well-formed event of a made-up type, for the consumer's integration tests against a real broker. */
export const testCloudEvent = (subject: string, sequence: number, data: object = {}): CloudEvent => ({
  specversion: '1.0',
  id: randomUUID(),
  source: '/helpdesk/test',
  type: 'helpdesk.test.happened.v1',
  subject,
  time: new Date().toISOString(),
  datacontenttype: 'application/json',
  dataschema: 'urn:helpdesk:schema:helpdesk.test.happened.v1',
  sequence: String(sequence),
  data,
});
