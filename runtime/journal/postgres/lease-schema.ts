// Terminal leases in a shared journal: before a host talks to a terminal it holds the terminal's row
// here. `fencing` grows with every new holder, and journal writes made under a lease carry it, so a
// host that paused past its lease cannot record over the next holder's work.
export const LEASE_SCHEMA_SQL = `
CREATE TABLE terminal_leases (
  terminal   text PRIMARY KEY,
  holder     text,
  fencing    bigint NOT NULL DEFAULT 0,
  expires_at timestamptz NOT NULL DEFAULT '-infinity'
);
`;

/** A lease as a writer holds it: the terminal and the fencing number it was granted with. */
export interface LeaseFence {
  terminal: string;
  fencing: number;
}
