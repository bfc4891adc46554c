// JSON calls to the server with the session's CSRF token; errors carry the server's message and,
// for settings, the problems per field.
export interface SessionInfo {
  user: string;
  role: 'admin' | 'consultant' | 'cashier';
  csrfToken: string;
  permissions: string[];
  /** The PCs an admin assigned to the account: all a cashier may run as. */
  pcs: string[];
}

export interface FieldProblem {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
  }
}

let csrfToken = '';

export function useSession(session: SessionInfo): void {
  csrfToken = session.csrfToken;
}

export async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (res.status === 204) return undefined as T;
  const json = await res.json().catch(() => ({ error: `${res.status} ${res.statusText}` }));
  if (!res.ok) {
    // A session that ended (server restart, idle timeout) sends the user back to the login form.
    if (res.status === 401 && csrfToken) location.reload();
    throw new ApiError(res.status, json.error ?? res.statusText, json.problems);
  }
  return json as T;
}

export const get = <T = unknown,>(path: string) => api<T>('GET', path);
export const post = <T = unknown,>(path: string, body: unknown = {}) => api<T>('POST', path, body);
export const put = <T = unknown,>(path: string, body: unknown) => api<T>('PUT', path, body);
