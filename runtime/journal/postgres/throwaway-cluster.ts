// A private PostgreSQL server for the tests, the soak and the bench: Debian's binaries, a cluster made
// by initdb in a temporary folder, started by pg_ctl on a free loopback port and removed afterwards.
// PostgreSQL refuses to run as root, so as root the server runs as the unprivileged `postgres` user
// (made by Debian's package) or else `nobody`.
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ThrowawayCluster {
  /** `postgres://payscript:…@127.0.0.1:<port>/postgres`: a superuser with a password. */
  url: string;
  port: number;
  /** A new empty database on this server, for one test file or one soak. */
  createDatabase(name?: string): Promise<string>;
  /** Stops the server at once and removes its folder. */
  stop(): Promise<void>;
}

const SUPERUSER = 'payscript';

/** The newest installed server's binaries, or undefined when PostgreSQL is not installed. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : undefined;
}

export async function startThrowawayCluster(): Promise<ThrowawayCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL is not installed: sudo apt-get install -y postgresql (Debian's package)");
  const dir = mkdtempSync(join(tmpdir(), 'payscript-pg-'));
  const data = join(dir, 'data');
  const password = `pw${process.pid}${Date.now().toString(36)}`;
  const owner = serverOwner();
  writeFileSync(join(dir, 'pwfile'), `${password}\n`);
  if (owner) chownRecursive(dir, owner);
  const asOwner = (command: string, args: string[]) =>
    owner
      ? run('setpriv', [`--reuid=${owner.uid}`, `--regid=${owner.gid}`, '--clear-groups', join(bin, command), ...args], {
          cwd: dir,
        })
      : run(join(bin, command), args, { cwd: dir });

  await asOwner('initdb', [
    '-D',
    data,
    '-U',
    SUPERUSER,
    `--pwfile=${join(dir, 'pwfile')}`,
    '--auth-host=scram-sha-256',
    '--auth-local=scram-sha-256',
    '-E',
    'UTF8',
    '--no-locale',
    '--no-sync',
  ]);
  const port = await freeLoopbackPort();
  // Durability is not what these servers are for: no fsync keeps a loaded CI machine fast.
  const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories='${dir}' -c fsync=off -c max_connections=300`;
  await asOwner('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);

  const url = `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    createDatabase: (name) => createDatabase(url, name),
    async stop() {
      await asOwner('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let databases = 0;

/** Makes a new empty database on the server of `serverUrl` and answers its URL. */
export async function createDatabase(
  serverUrl: string,
  name = `test_${process.pid}_${++databases}_${Date.now().toString(36)}`,
): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const { Client } = (await import('pg')).default;
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Who runs the server: nobody else when we are not root. */
function serverOwner(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    const entry = readPasswd().find((line) => line[0] === name);
    if (entry) return { uid: Number(entry[2]), gid: Number(entry[3]) };
  }
  throw new Error('PostgreSQL refuses to run as root, and there is no postgres or nobody user to run it as');
}

function readPasswd(): string[][] {
  return readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'));
}

function chownRecursive(path: string, owner: { uid: number; gid: number }): void {
  chownSync(path, owner.uid, owner.gid);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) chownRecursive(child, owner);
    else chownSync(child, owner.uid, owner.gid);
  }
}

/** A port nothing listens on now; the server takes it a moment later (a clash fails its start loudly). */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
