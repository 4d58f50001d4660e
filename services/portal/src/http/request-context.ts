import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DeskClient } from '../desk-api/desk-client';
import type { Notice, PageView } from '../html/layout';
import type { I18n } from '../i18n/i18n';
import type { Session } from '../session/session-store';
import type { Form } from './portal-request';

/** What a page handler gets: the request, who is signed in, their language, and the desk in their name. */
export interface RequestContext {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  params: Record<string, string>;
  session?: Session;
  i18n: I18n;
  /** The posted form (read once; a POST with a session has passed the CSRF check). */
  form(): Promise<Form>;
  /** The desk's APIs with the signed-in person's token. */
  desk(): DeskClient;
  render(view: Omit<PageView, 'path' | 'user' | 'csrfToken'>, status?: number): void;
  redirect(location: string, notice?: Notice): void;
  /** A notice carried over a redirect (one page view). */
  flash?: Notice;
}

export type PageHandler = (context: RequestContext) => Promise<void>;

/** A signed-in page: the handler runs only with a session; without one, the sign-in page. */
export interface SignedInContext extends RequestContext {
  session: Session;
}
