// Logged-in browsers. Sessions live in memory: a restart logs everyone out, which is acceptable
// for a desk tool and keeps no session secrets on disk.
import { randomBytes } from 'node:crypto';
import type { Role } from './roles.js';

export interface Session {
  id: string;
  user: string;
  role: Role;
  /** Sent back by the page in a header on every change (see csrf.ts). */
  csrfToken: string;
  expiresAt: number;
}

/** Idle time after which a session ends; every request extends it. */
const IDLE_MS = 8 * 60 * 60 * 1000;

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  create(user: string, role: Role): Session {
    const session: Session = {
      id: randomBytes(32).toString('base64url'),
      user,
      role,
      csrfToken: randomBytes(32).toString('base64url'),
      expiresAt: Date.now() + IDLE_MS,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session for this id, extended; undefined when unknown or expired. */
  touch(id: string | undefined): Session | undefined {
    const session = id ? this.sessions.get(id) : undefined;
    if (!session) return undefined;
    if (session.expiresAt <= Date.now()) {
      this.sessions.delete(session.id);
      return undefined;
    }
    session.expiresAt = Date.now() + IDLE_MS;
    return session;
  }

  end(id: string): void {
    this.sessions.delete(id);
  }

  /**
   * After a user is removed or changes role, their open sessions must not keep the old rights;
   * after a password change, only the session that changed it stays.
   */
  endAllOf(user: string, except?: string): void {
    for (const session of this.sessions.values())
      if (session.user === user && session.id !== except) this.sessions.delete(session.id);
  }
}
