// Who may do what. Routes ask for a permission, never for a role, so the table below is the one
// place that says what a cashier can do.
export const ROLES = ['admin', 'consultant', 'cashier'] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  /** Terminals, binding and the config file. */
  | 'settings'
  | 'users'
  /** Create and save scripts, run unsaved source. */
  | 'scripts.edit'
  /** Read the script folders and run saved scripts. */
  | 'scripts.run'
  /** Rehearse a script against every outcome on simulated terminals, and edit its expectation file. */
  | 'scripts.rehearse'
  /** Run as any PC and user, to try the binding; others run as themselves at a PC assigned to them. */
  | 'runs.any-desk'
  | 'transactions.read'
  /** Settle by hand a transaction whose terminal can no longer answer. */
  | 'transactions.settle';

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: [
    'settings',
    'users',
    'scripts.edit',
    'scripts.run',
    'scripts.rehearse',
    'runs.any-desk',
    'transactions.read',
    'transactions.settle',
  ],
  consultant: ['scripts.edit', 'scripts.run', 'scripts.rehearse', 'runs.any-desk', 'transactions.read'],
  cashier: ['scripts.run', 'transactions.read'],
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return GRANTS[role];
}

/** A user sees their own runs and rehearsals; admins (who manage the users) see everyone's. */
export function seesWorkOf(viewer: { user: string; role: Role }, owner: string): boolean {
  return viewer.user === owner || can(viewer.role, 'users');
}
