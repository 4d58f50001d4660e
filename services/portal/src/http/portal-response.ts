import type { ServerResponse } from 'node:http';
import type { Html } from '../html/html';

/**
 * What every page answers with: no caching of personal pages, no framing, a content security
 * policy that allows our own scripts and styles only (htmx is served from here, no CDN).
 */
const PAGE_HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

export const sendHtml = (response: ServerResponse, status: number, page: Html) => {
  const body = Buffer.from(page.value, 'utf8');
  response.writeHead(status, {
    ...PAGE_HEADERS,
    'content-type': 'text/html; charset=utf-8',
    'content-length': body.length,
  });
  response.end(body);
};

/** After a form: 303 See Other, so a reload does not post it again. */
export const redirect = (response: ServerResponse, location: string, cookies: string[] = []) => {
  response.writeHead(303, {
    location,
    'cache-control': 'no-store',
    ...(cookies.length ? { 'set-cookie': cookies } : {}),
  });
  response.end();
};

export const sendAsset = (response: ServerResponse, contentType: string, body: Buffer) => {
  response.writeHead(200, {
    'content-type': contentType,
    'content-length': body.length,
    'cache-control': 'public, max-age=3600',
    'x-content-type-options': 'nosniff',
  });
  response.end(body);
};

export interface CookieOptions {
  maxAgeSeconds?: number;
  secure: boolean;
  httpOnly?: boolean;
}

export const cookie = (name: string, value: string, options: CookieOptions) =>
  [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    'SameSite=Lax',
    options.httpOnly === false ? '' : 'HttpOnly',
    options.secure ? 'Secure' : '',
    options.maxAgeSeconds === undefined ? '' : `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
  ]
    .filter(Boolean)
    .join('; ');
