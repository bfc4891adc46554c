// How much of a shared PostgreSQL server one host takes unless the config says otherwise: kept
// apart from the journal so checking a config loads no database driver.

/** Connections one host process holds open at most. */
export const DEFAULT_POOL_SIZE = 10;
/** Longest wait for a connection to the server, the journal's and the leases' alike. */
export const CONNECT_TIMEOUT_MS = 10_000;
/** Longest one statement may run before the server cancels it. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 15_000;
