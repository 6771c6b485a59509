import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp';

const REPO_ROOT = resolve(__dirname, '../..');
const SOURCE_HTML = resolve(REPO_ROOT, 'renderer/index.html');

/** The content of the page's `<meta http-equiv="Content-Security-Policy">` tag(s). */
function metaPolicies(html: string): string[] {
  const policies: string[] = [];
  for (const [tag] of html.matchAll(/<meta\b[^>]*>/gis)) {
    if (!/http-equiv\s*=\s*["']content-security-policy["']/i.test(tag)) continue;
    const content = /\bcontent\s*=\s*"([^"]*)"/i.exec(tag) ?? /\bcontent\s*=\s*'([^']*)'/i.exec(tag);
    if (content?.[1] !== undefined) policies.push(content[1]);
  }
  return policies;
}

function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name, sources);
  }
  return map;
}

describe('Content-Security-Policy', () => {
  it('refuses everything not listed, and allows no inline code, eval, plugins or network', () => {
    const policy = directives(CONTENT_SECURITY_POLICY);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*|https?:|ws:/);
  });

  it('is the policy in the <meta> tag of renderer/index.html', () => {
    expect(metaPolicies(readFileSync(SOURCE_HTML, 'utf8'))).toEqual([CONTENT_SECURITY_POLICY]);
  });

  // The built page (dist/renderer/index.html, as served) is checked by tests/e2e/csp.spec.ts, which
  // runs after the build; vite.config.ts relaxes the policy for the dev server only.
});
