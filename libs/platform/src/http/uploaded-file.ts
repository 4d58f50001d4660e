import type { FastifyRequest } from 'fastify';
import { problemType } from '../problems/problem-details';
import { InvalidInputException } from '../problems/validation';
import { RefusedBodyError } from './body-limits';

/** One file of a multipart/form-data upload, read whole. */
export interface UploadedFile {
  fileName: string;
  contentType: string;
  size: number;
  bytes: Buffer;
}

/** The multipart plugin's refusals of a request with more than the one file part. */
const EXTRA_PARTS = new Set(['FST_PARTS_LIMIT', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT']);

/**
 * The one file a route takes, from multipart field `field`, read only by that route (after its
 * guards: nobody uploads bytes unauthenticated). More than `maxBytes` answers 413 before the rest is
 * read; no file, another field or a second part answer 400 naming the field.
 */
export const readUploadedFile = async (
  request: FastifyRequest,
  field: string,
  maxBytes: number,
): Promise<UploadedFile> => {
  const required = (reason: string) => new InvalidInputException([{ field, reason }]);
  if (!request.isMultipart()) throw required(`a file is required (multipart/form-data, field "${field}")`);
  try {
    const part = await request.file({ limits: { fileSize: maxBytes, files: 1, fields: 0, parts: 1 } });
    if (!part) throw required(`a file is required (multipart field "${field}")`);
    if (part.fieldname !== field)
      throw required(`the file must be sent in multipart field "${field}", not "${part.fieldname}"`);
    const bytes = await part.toBuffer();
    return { fileName: part.filename, contentType: part.mimetype, size: bytes.length, bytes };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      throw new RefusedBodyError({
        type: problemType('body_too_large'),
        title: 'Content too large',
        status: 413,
        detail: `The file in "${field}" may have at most ${maxBytes} bytes.`,
      });
    if (typeof code === 'string' && EXTRA_PARTS.has(code))
      throw required(`send only the file, in multipart field "${field}": no other field or file`);
    if (error instanceof InvalidInputException) throw error;
    // Anything else the multipart reader (busboy) throws is about the body it was sent, e.g. a part
    // without headers or an end before the closing boundary: the client's to fix, never a 500.
    throw required(`the multipart body could not be read (${(error as Error).message})`);
  }
};
