/** A problem in the configuration; the message names the file, the key and what is wrong. */
export class ConfigError extends Error {}

/** A desk that cannot be bound to a terminal (unknown id, unbound PC or user). */
export class BindingError extends Error {}
