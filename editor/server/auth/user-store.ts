// The editor's users: one JSON file in the data directory, written atomically and readable only
// by the server's account (it holds password hashes).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UNMATCHABLE_HASH, generatePassword, hashPassword, verifyPassword } from './password-hash.js';
import { isRole, type Role } from './roles.js';

export interface StoredUser {
  name: string;
  role: Role;
  passwordHash: string;
  /** The PC names this user may run scripts as (what a cashier's runs are bound by). */
  pcs?: string[];
}

/** What the API shows of a user: never the hash. */
export interface PublicUser {
  name: string;
  role: Role;
  pcs: string[];
}

export class UserError extends Error {}

const NAME = /^[A-Za-z0-9_.@-]{1,64}$/;
/** As a run request's PC name: printable, 1–128 characters. */
const PC_NAME = /^[^\u0000-\u001f]{1,128}$/;
const MAX_PCS = 100;
const MIN_PASSWORD = 8;

export class UserStore {
  private readonly file: string;
  private users: StoredUser[];

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    this.file = join(dataDir, 'users.json');
    this.users = existsSync(this.file) ? readUsers(this.file) : [];
  }

  list(): PublicUser[] {
    return this.users.map(publicUser);
  }

  /** The PC names an admin assigned to the user; none for an unknown name. */
  pcsOf(name: string): string[] {
    return this.users.find((u) => u.name === name)?.pcs ?? [];
  }

  setPcs(name: string, pcs: unknown): PublicUser {
    if (!Array.isArray(pcs) || pcs.length > MAX_PCS || !pcs.every((pc) => typeof pc === 'string' && PC_NAME.test(pc))) {
      throw new UserError(`pcs must be a list of up to ${MAX_PCS} PC names of 1–128 printable characters`);
    }
    const user = this.users.find((u) => u.name === name);
    if (!user) throw new UserError(`no user "${name}"`);
    user.pcs = [...new Set(pcs as string[])];
    this.save();
    return publicUser(user);
  }

  exists(name: string): boolean {
    return this.users.some((u) => u.name === name);
  }

  /** The user when the password matches; undefined otherwise (also for unknown names). */
  async authenticate(name: string, password: string): Promise<PublicUser | undefined> {
    const user = this.users.find((u) => u.name === name);
    // An unknown name costs a hash too, so response times do not reveal which names exist.
    const ok = await verifyPassword(password, user?.passwordHash ?? UNMATCHABLE_HASH);
    return user && ok ? publicUser(user) : undefined;
  }

  async create(name: string, role: Role, password: string): Promise<PublicUser> {
    if (!NAME.test(name)) throw new UserError('name must be 1–64 letters, digits, "_", ".", "@" or "-"');
    if (!isRole(role)) throw new UserError('role must be admin, consultant or cashier');
    checkPassword(password);
    if (this.users.some((u) => u.name === name)) throw new UserError(`user "${name}" already exists`);
    const user: StoredUser = { name, role, passwordHash: await hashPassword(password) };
    this.users.push(user);
    this.save();
    return publicUser(user);
  }

  async setPassword(name: string, password: string): Promise<void> {
    checkPassword(password);
    const user = this.users.find((u) => u.name === name);
    if (!user) throw new UserError(`no user "${name}"`);
    user.passwordHash = await hashPassword(password);
    this.save();
  }

  remove(name: string): void {
    const user = this.users.find((u) => u.name === name);
    if (!user) throw new UserError(`no user "${name}"`);
    if (user.role === 'admin' && this.users.filter((u) => u.role === 'admin').length === 1) {
      throw new UserError('the last admin cannot be removed');
    }
    this.users = this.users.filter((u) => u !== user);
    this.save();
  }

  /**
   * On first start there is nobody to log in as: create `admin` with the given password (tests,
   * PAYSCRIPT_ADMIN_PASSWORD) or a random one-time password, returned so it can be printed once.
   */
  async ensureFirstAdmin(password?: string): Promise<string | undefined> {
    if (this.users.length > 0) return undefined;
    const chosen = password ?? generatePassword();
    await this.create('admin', 'admin', chosen);
    return password === undefined ? chosen : undefined;
  }

  private save(): void {
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, `${JSON.stringify({ users: this.users }, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.file);
  }
}

function publicUser({ name, role, pcs }: StoredUser): PublicUser {
  return { name, role, pcs: pcs ?? [] };
}

function checkPassword(password: string): void {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD) {
    throw new UserError(`password must have at least ${MIN_PASSWORD} characters`);
  }
}

function readUsers(file: string): StoredUser[] {
  const json = JSON.parse(readFileSync(file, 'utf8')) as { users?: unknown };
  if (!Array.isArray(json.users)) throw new Error(`${file}: expected {"users": [...]}`);
  return json.users.filter(
    (u): u is StoredUser =>
      typeof u?.name === 'string' &&
      isRole(u?.role) &&
      typeof u?.passwordHash === 'string' &&
      (u.pcs === undefined || (Array.isArray(u.pcs) && u.pcs.every((pc: unknown) => typeof pc === 'string'))),
  );
}
