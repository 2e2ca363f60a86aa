// Finds and reads the machine-wide policy file. A policy that is missing, not JSON or fails the
// schema stops the app with a message that names the file, the field and what was expected.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Policy } from '../../src-shared/policy/policy';
import { describeIssues } from '../../src-shared/policy/describe-issues';

export class PolicyError extends Error {
  readonly file: string;
  readonly problems: readonly string[];
  constructor(file: string, summary: string, problems: readonly string[] = []) {
    super([`Policy file ${file}: ${summary}`, ...problems.map((p) => `  - ${p}`)].join('\n'));
    this.name = 'PolicyError';
    this.file = file;
    this.problems = problems;
  }
}

/** Where IT puts the policy on each platform. */
export function platformPolicyPath(platform: NodeJS.Platform = process.platform, env = process.env): string {
  switch (platform) {
    case 'win32':
      return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'Sallyport', 'policy.json');
    case 'darwin':
      return '/Library/Application Support/Sallyport/policy.json';
    default:
      return '/etc/sallyport/policy.json';
  }
}

/** The explicit path (development, tests, `--policy`) wins; otherwise the platform location. */
export function resolvePolicyPath(explicit: string | undefined, env = process.env): string {
  return explicit ?? env.SALLYPORT_POLICY ?? platformPolicyPath(process.platform, env);
}

export function parsePolicy(text: string, file: string): Policy {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof SyntaxError ? error.message : 'unreadable';
    throw new PolicyError(file, `is not valid JSON (${detail}).`);
  }
  const result = Policy.safeParse(json);
  if (!result.success) {
    throw new PolicyError(file, 'does not match the policy schema:', describeIssues(result.error));
  }
  return result.data;
}

export function loadPolicyFile(file: string): Policy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'does not exist. IT writes it from resources/policy.template.json; see README.md, "Policy".'
        : code === 'EACCES'
          ? 'cannot be read by this user: it must be readable by every user of the workstation.'
          : `cannot be read (${code ?? 'unknown error'}).`;
    throw new PolicyError(file, why);
  }
  return parsePolicy(text, file);
}
