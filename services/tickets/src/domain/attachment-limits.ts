/** What may be attached to a ticket: screenshots, logs, documents; nothing executable. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

export const ALLOWED_CONTENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'text/csv',
  'application/json',
  'application/xml',
  'text/xml',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'message/rfc822',
  'video/mp4',
] as const;

export const MAX_FILE_NAME_LENGTH = 255;
