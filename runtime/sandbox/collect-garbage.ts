/**
 * A full V8 collection where the process runs with --expose-gc (tests, `npm run bench`); nothing
 * elsewhere. Memory read right after it is what is live: a dropped instance's wasm memory stays
 * mapped, and counted in RSS, until a collection happens to find it.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
