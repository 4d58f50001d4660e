import { randomBytes } from 'node:crypto';
import type { Role } from '@helpdesk/platform';
import type { Language } from '../i18n/i18n';

/** Who is signed in, as the pages need it (the desk's token decides what they may do). */
export interface PortalUser {
  id: string;
  role: Role;
  organisationId?: string;
  name: string;
  email: string;
  language: Language;
  /** The organisation's time zone (agents: the desk's), for every date shown. */
  timeZone: string;
}

export interface Session {
  id: string;
  user: PortalUser;
  /** The user's bearer token for the desk's APIs: held here, never sent to the browser. */
  token: string;
  /** When the token expires; the session ends with it. */
  expiresAt: number;
  /** Sent back with every form, so that no other site can post in the user's name. */
  csrfToken: string;
}

/**
 * Sessions held in this process's memory: a restart signs everyone out, and replicas of the
 * portal each have their own (run one, or pin sessions at the ingress) until a shared store exists.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly now: () => number = Date.now) {}

  open(user: PortalUser, token: string, expiresAt: number): Session {
    this.sweep();
    const session: Session = {
      id: randomBytes(32).toString('base64url'),
      user,
      token,
      expiresAt,
      csrfToken: randomBytes(24).toString('base64url'),
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session, or undefined once its token has expired (it is then forgotten). */
  find(id: string): Session | undefined {
    const session = this.sessions.get(id);
    if (session && session.expiresAt <= this.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return session;
  }

  end(id: string) {
    this.sessions.delete(id);
  }

  private sweep() {
    const now = this.now();
    for (const [id, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(id);
  }
}
