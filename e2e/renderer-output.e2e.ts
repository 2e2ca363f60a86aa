// The built renderer must run under the hosts' CSP (script-src 'self'; style-src 'self'):
// nothing inline in its page, and every asset beside it, addressed relatively so the Electron
// protocol and the browser host can both serve it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rendererDir } from './support/paths';
import { ensureRendererBuilt } from './support/renderer-build';

describe('the built renderer', () => {
  let html: string;
  beforeAll(() => {
    ensureRendererBuilt();
    // Comments are inert; what they say about the page is not the page.
    html = readFileSync(path.join(rendererDir, 'index.html'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
  });

  it('has no inline script, style, event handler or data URL in its page', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\.\/assets\/[\w.-]+\.js"/);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b/);
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toMatch(/\son[a-z]+=/);
    expect(html).not.toContain('data:');
  });

  it('links only files that are in the build, by relative address', () => {
    const links = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(links.length).toBeGreaterThan(1);
    for (const link of links) {
      expect(link).toMatch(/^\.\//);
      expect(readdirSync(path.join(rendererDir, path.dirname(link)))).toContain(path.basename(link));
    }
  });
});
