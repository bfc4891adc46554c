// A real `payscript serve` for API and browser tests: its own data directory, script folder and
// config file, bound to a real ČSOB simulator over TCP, on a free loopback port.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type RunningServer, type ServeOptions } from '../../editor/server/start-server.js';
import { startCsobSimulator, type CsobSimulator } from '../../runtime/simulators/csob/index.js';
import { simulatorTerminal } from '../support/simulator-terminal.js';
import { tempDir } from '../support/temp.js';

export const ADMIN_PASSWORD = 'admin-test-password';

export interface TestServer {
  server: RunningServer;
  simulator: CsobSimulator;
  dir: string;
  configFile: string;
  /** A logged-in API client; `admin` exists from the start, others are created by the admin. */
  login(name?: string, password?: string): Promise<ApiClient>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** The simulated card flow: small but non-zero so status lines are seen. */
  delayMs?: number;
  /** Changes the config file's JSON before the server starts. */
  configure?: (config: Record<string, any>) => void;
  webhooks?: ServeOptions['webhooks'];
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dir = tempDir('serve');
  const simulator = await startCsobSimulator({ host: '127.0.0.1', port: 0, delayMs: options.delayMs ?? 20 });
  const configFile = join(dir, 'payscript.config.json');
  const config: Record<string, any> = {
    language: 'en',
    logDir: join(dir, 'PointOfSale'),
    terminals: [simulatorTerminal(simulator, { id: 'desk1', protocol: 'csob', timeoutSeconds: 30 })],
    binding: { mode: 'single', terminal: 'desk1' },
    // The journal's folder (its double-charge guard remembers paid documents): each test
    // server starts with an empty journal.
    dataDir: join(dir, 'data'),
  };
  options.configure?.(config);
  writeFileSync(configFile, JSON.stringify(config));
  const server = await startServer({
    configFile,
    port: 0,
    dataDir: join(dir, 'data'),
    adminPassword: ADMIN_PASSWORD,
    webhooks: options.webhooks,
  });
  return {
    server,
    simulator,
    dir,
    configFile,
    login: (name = 'admin', password = ADMIN_PASSWORD) => ApiClient.login(server.url, name, password),
    async close() {
      await server.close();
      await simulator.close();
    },
  };
}

export interface ApiAnswer<T = any> {
  status: number;
  body: T;
}

/** fetch with the session cookie and the CSRF header, as the editor page sends them. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly cookie: string,
    readonly csrfToken: string,
  ) {}

  static async login(baseUrl: string, name: string, password: string): Promise<ApiClient> {
    const res = await fetch(new URL('/api/login', baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, password }),
    });
    if (res.status !== 200) throw new Error(`login as ${name} failed: ${res.status} ${await res.text()}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    return new ApiClient(baseUrl, cookie, (await res.json()).csrfToken);
  }

  get<T = any>(path: string): Promise<ApiAnswer<T>> {
    return this.send('GET', path);
  }

  post<T = any>(path: string, body: unknown = {}, csrfToken = this.csrfToken): Promise<ApiAnswer<T>> {
    return this.send('POST', path, body, csrfToken);
  }

  put<T = any>(path: string, body: unknown, csrfToken = this.csrfToken): Promise<ApiAnswer<T>> {
    return this.send('PUT', path, body, csrfToken);
  }

  async send<T>(method: string, path: string, body?: unknown, csrfToken?: string): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(new URL(path, this.baseUrl), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
  }

  /** Reads a run's Server-Sent Events until `end`. */
  events(runId: string): Promise<{ event: string; data: any }[]> {
    return this.eventsAt(`/api/runs/${runId}/events`);
  }

  /** Reads Server-Sent Events until the server ends the stream, telling `onEvent` of each as it arrives. */
  async eventsAt(path: string, onEvent?: (event: { event: string; data: any }) => void | Promise<void>) {
    const res = await fetch(new URL(path, this.baseUrl), { headers: { cookie: this.cookie } });
    const events: { event: string; data: any }[] = [];
    const decoder = new TextDecoder();
    let buffered = '';
    for await (const chunk of res.body ?? []) {
      buffered += decoder.decode(chunk, { stream: true });
      const blocks = buffered.split('\n\n');
      buffered = blocks.pop()!;
      for (const block of blocks) {
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!event || !data) continue;
        events.push({ event, data: JSON.parse(data) });
        await onEvent?.(events.at(-1)!);
      }
    }
    return events;
  }
}
