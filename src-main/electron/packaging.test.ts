// The installer configuration: fuses as the Electron security checklist asks, and nothing of the
// development-only host, demo facility or sources packaged.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const config = readFileSync('electron-builder.yml', 'utf8');

function setting(name: string): string | undefined {
  return new RegExp(`^\\s+${name}:\\s*(\\S+)`, 'm').exec(config)?.[1];
}

describe('electron-builder configuration', () => {
  it.each([
    ['runAsNode', 'false'],
    ['enableNodeOptionsEnvironmentVariable', 'false'],
    ['enableNodeCliInspectArguments', 'false'],
    ['grantFileProtocolExtraPrivileges', 'false'],
    ['enableCookieEncryption', 'true'],
    ['enableEmbeddedAsarIntegrityValidation', 'true'],
    ['onlyLoadAppFromAsar', 'true'],
  ])('sets the %s fuse to %s', (fuse, value) => {
    expect(setting(fuse)).toBe(value);
  });

  it('packages the built app only, never the browser host or the demo facility', () => {
    const files = /^files:\n((?:\s+- .+\n)+)/m.exec(config)?.[1] ?? '';
    expect(files).toContain("'!dist/dev/**'");
    expect(files).not.toMatch(/src-|e2e|bench/);
    expect(config).toMatch(/^asar: true$/m);
  });
});
