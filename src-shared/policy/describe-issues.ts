// Turns a schema failure into sentences IT can act on: the field's path, then what was expected.
import type { z } from 'zod';

export function describeIssues(error: z.ZodError, limit = 10): string[] {
  return error.issues.slice(0, limit).map((issue) => {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(the whole value)';
    return `${field}: ${issue.message}`;
  });
}
