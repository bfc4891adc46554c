// A host as other hosts and people see it: the machine (or the configured `hostId`), the process and a
// short random part, so two processes never share an id even when a container gives both pid 1.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

export function newHostId(configured?: string): string {
  return `${configured ?? hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}
