import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

/** A form as the portal reads it: text fields, and files (multipart only). */
export interface Form {
  fields: Record<string, string>;
  files: Record<string, File>;
}

export class FormTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`the form is larger than ${limit} bytes`);
  }
}

export const cookiesOf = (request: IncomingMessage): Record<string, string> =>
  Object.fromEntries(
    (request.headers.cookie ?? '')
      .split(';')
      .map((pair) => pair.trim().split('='))
      .filter(([name, value]) => name && value !== undefined)
      .map(([name, ...value]) => [name, decodeURIComponent(value.join('='))]),
  );

/**
 * Reads a posted form, urlencoded or multipart, with no parser of our own: the platform's fetch
 * Request parses both. The declared length is checked first, the bytes that come are counted too.
 */
export const readForm = async (request: IncomingMessage, maxBytes: number): Promise<Form> => {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw new FormTooLarge(maxBytes);
  let seen = 0;
  const limited = Readable.from(
    (async function* () {
      for await (const chunk of request as AsyncIterable<Buffer>) {
        seen += chunk.length;
        if (seen > maxBytes) throw new FormTooLarge(maxBytes);
        yield chunk;
      }
    })(),
  );
  const contentType = request.headers['content-type'] ?? 'application/x-www-form-urlencoded';
  const parsed = await new Request('http://portal.invalid/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: Readable.toWeb(limited) as ReadableStream,
    duplex: 'half',
  } as RequestInit).formData();
  const form: Form = { fields: {}, files: {} };
  for (const [name, value] of parsed.entries()) {
    if (typeof value === 'string') form.fields[name] = value;
    else if (value.size > 0) form.files[name] = value;
  }
  return form;
};
