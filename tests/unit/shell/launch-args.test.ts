import { describe, expect, it } from 'vitest';
import { findDialTarget, parseLaunchArgs } from '../../../src-main/electron/launch-args';

describe('launch arguments', () => {
  it('reads the hub URL the launcher passes, in either form, else from the environment', () => {
    expect(parseLaunchArgs(['electron', '.', '--hub-url', 'http://127.0.0.1:4100/'], {}).hubUrl).toBe('http://127.0.0.1:4100');
    expect(parseLaunchArgs(['electron', '--hub-url=https://hub.example.es'], {}).hubUrl).toBe('https://hub.example.es');
    expect(parseLaunchArgs(['electron'], { CENTRALITA_HUB_URL: 'http://127.0.0.1:9' }).hubUrl).toBe('http://127.0.0.1:9');
    expect(parseLaunchArgs(['electron'], {}).hubUrl).toBeNull();
  });

  it('ignores a hub URL that is not http(s)', () => {
    expect(parseLaunchArgs(['electron', '--hub-url', 'file:///etc/passwd'], {}).hubUrl).toBeNull();
    expect(parseLaunchArgs(['electron', '--hub-url'], {}).hubUrl).toBeNull();
  });

  it('finds the tel:/sip: link the OS passes to a second instance', () => {
    expect(findDialTarget(['C:\\Centralita.exe', '--flag', 'tel:+34600100200'])).toBe('tel:+34600100200');
    expect(findDialTarget(['centralita', 'sip:ana@pbx.example.es'])).toBe('sip:ana@pbx.example.es');
    expect(findDialTarget(['centralita', 'SIPS:ana@pbx.example.es'])).toBe('SIPS:ana@pbx.example.es');
  });

  it('refuses dial strings that carry anything but an address', () => {
    expect(findDialTarget(['centralita'])).toBeNull();
    expect(findDialTarget(['tel:600 100 200 && calc'])).toBeNull();
    expect(findDialTarget(['tel:<script>'])).toBeNull();
    expect(findDialTarget(['tel:'])).toBeNull();
    expect(findDialTarget([`sip:${'a'.repeat(300)}`])).toBeNull();
    expect(findDialTarget(['https://example.es/tel:+34600100200'])).toBeNull();
  });
});

describe('launcher hand-over flags', () => {
  it('reads --data and --policy, and ignores a flag with no value', () => {
    const args = parseLaunchArgs(['electron', '.', '--data', '/tmp/agent-a', '--policy=/tmp/policy.json'], {});
    expect(args.dataDir).toBe('/tmp/agent-a');
    expect(args.policyPath).toBe('/tmp/policy.json');
    expect(parseLaunchArgs(['electron', '--data', '--policy'], {})).toMatchObject({ dataDir: null, policyPath: null });
  });
});
