import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, withSecurityHeaders } from '../../../src-main/electron/content-security-policy';

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((part) => {
    const [name = '', ...sources] = part.trim().split(/\s+/);
    return [name, sources] as const;
  }));
}

describe('content security policy', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('denies by default and allows scripts only from our own origin', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
  });

  it('never allows inline or evaluated code anywhere', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('replaces any CSP a response brings, whatever its letter case', () => {
    const headers = withSecurityHeaders({ 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] });
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(headers['X-Content-Type-Options']).toEqual(['nosniff']);
    expect(withSecurityHeaders(undefined)['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });
});
