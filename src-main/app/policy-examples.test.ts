// The policy files shipped for IT must stay valid as the schema evolves.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from './policy-file';

const files = [
  'resources/policy.template.json',
  ...readdirSync('resources/policy-examples').map((f) => path.join('resources/policy-examples', f)),
];

describe('shipped policy files', () => {
  it.each(files)('%s is a valid policy', (file) => {
    const policy = parsePolicy(readFileSync(file, 'utf8'), file);
    expect(policy.directory.tls).not.toBe('plain');
    expect(policy.records.url.startsWith('https:')).toBe(true);
  });
});
