import type { OpenAPIObject } from '@nestjs/swagger';
import { READ_AFTER_HEADER, RETRY_AFTER_SECONDS, WRITE_POSITION_HEADER } from './read-your-writes';

const COMMANDS = ['post', 'put', 'patch', 'delete'] as const;

/** The read-your-writes contract on every operation of the document: headers, and the 503. */
export const documentReadYourWrites = (document: OpenAPIObject) => {
  for (const [path, operations] of Object.entries(document.paths)) {
    // Probes and metrics answer from the process itself, never from a read model.
    if (/^\/(health|metrics)(\/|$)/.test(path)) continue;
    for (const method of COMMANDS) {
      const operation = operations[method];
      if (!operation) continue;
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (!response || !/^2\d\d$/.test(status) || '$ref' in response) continue;
        response.headers = {
          ...response.headers,
          [WRITE_POSITION_HEADER]: {
            description:
              `The position of this command's last event in the service's log. Send it back as ` +
              `${READ_AFTER_HEADER} on a read that must include this change.`,
            schema: { type: 'string', pattern: '^\\d+$' },
          },
        };
      }
    }
    const read = operations.get;
    if (!read) continue;
    // Described, not declared as a parameter: a fuzzer's made-up position is "not applied yet"
    // (a 503 after the wait), which is the contract, not a fault.
    read.description =
      `${read.description ? `${read.description}\n\n` : ''}Send a ${WRITE_POSITION_HEADER} this service answered ` +
      `as the ${READ_AFTER_HEADER} header (digits) and the answer includes that write, waiting up to ` +
      `READ_YOUR_WRITES_MS for the read model, or it is a 503.`;
    read.responses = {
      ...read.responses,
      '503': {
        description:
          `The read model has not yet applied the ${READ_AFTER_HEADER} position within ` +
          `READ_YOUR_WRITES_MS (problem type read-model-behind); ask again after Retry-After ` +
          `(${RETRY_AFTER_SECONDS} s).`,
        headers: { 'Retry-After': { schema: { type: 'integer' } } },
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } },
        },
      },
    };
  }
  return document;
};
