// zod's issues as admins read them: the dotted key of the config file and what is wrong there.
import type { z } from 'zod';

export interface FieldProblem {
  /** The key as the config file spells it: `terminals.0.options.connectTimeoutMs`. */
  path: string;
  message: string;
}

export function fieldProblems(issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  return issues.map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join('.') : '(top level)',
    message: issue.message,
  }));
}
