/** Configuration validation: every problem names the file, the key path and what was expected. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadHubConfig, parseHubConfig } from '../../../src-hub/config/load-config';
import { DEMO_CONFIG_YAML, demoHubConfig } from '../../../src-hub/demo/demo-config';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function writeTemp(name: string, text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'centralita-cfg-'));
  dirs.push(dir);
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('hub configuration', () => {
  it('accepts the demo configuration with the documented defaults', () => {
    const cfg = demoHubConfig();
    expect(cfg.users.map((u) => u.username)).toEqual(['ana', 'jordi', 'marta', 'sara', 'admin']);
    expect(cfg.queues.map((q) => `${q.id}:${q.channel}`)).toEqual(['ventas:chat', 'soporte:chat', 'soporte-voz:voice', 'correo:email']);
    expect(cfg.capacity).toMatchObject({ voice: 1, chat: 3, email: 2, voiceExclusive: true });
  });

  it('refuses a reason code that would pose as the hub\'s own "desktop closed" or "phone offline"', () => {
    const text = DEMO_CONFIG_YAML.replace('  - { id: lunch,', '  - { id: desktop-closed, label: Cerrado }\n  - { id: lunch,');
    const result = parseHubConfig(text, 'hub.yaml');
    expect(result.ok ? [] : result.problems).toContain('hub.yaml: reasonCodes[1].id: "desktop-closed" is reserved: the hub sets it when a desktop cannot take work');
  });

  it('names file, path and expectation for a wrong enum value', () => {
    const file = writeTemp('demo.yaml', DEMO_CONFIG_YAML.replace('channel: email', 'channel: phone'));
    const result = loadHubConfig(file);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toContain('demo.yaml: queues[3].channel: expected one of voice|chat|email, got "phone"');
  });

  it('reports a wrong type and a missing key in one go', () => {
    const text = DEMO_CONFIG_YAML.replace('offerTimeoutSeconds: 30', 'offerTimeoutSeconds: soon').replace(/reasonCodes:[\s\S]*?dispositions:/, 'dispositions:');
    const result = parseHubConfig(text, 'hub.yaml');
    const problems = result.ok ? [] : result.problems;
    expect(problems).toContain('hub.yaml: offerTimeoutSeconds: expected number, got "soon"');
    expect(problems.some((p) => p.startsWith('hub.yaml: reasonCodes: expected array'))).toBe(true);
  });

  it('refuses plaintext passwords unless the file is marked lab', () => {
    const result = parseHubConfig(DEMO_CONFIG_YAML.replace(/^lab: true$/m, 'lab: false'), 'prod.yaml');
    expect(!result.ok && result.problems[0]).toMatch(/^prod\.yaml: users\[0\]\.password: .*lab: true/);
  });

  it('rejects unknown keys, duplicate ids and a skill level out of range', () => {
    const text = DEMO_CONFIG_YAML.replace('wrapUpSeconds: 120', 'wrapUpSecs: 120')
      .replace('id: jordi, username: jordi', 'id: ana, username: jordi')
      .replace('ventas: 8,', 'ventas: 11,');
    const result = parseHubConfig(text, 'x.yaml');
    const problems = result.ok ? [] : result.problems;
    expect(problems).toContain('x.yaml: (root): unknown key(s) "wrapUpSecs"');
    expect(problems).toContain('x.yaml: users[0].skills.ventas: expected at most 10, got 11');
  });

  it('reports duplicate ids after the shape is valid', () => {
    const result = parseHubConfig(DEMO_CONFIG_YAML.replace('id: jordi, username: jordi', 'id: ana, username: jordi'), 'x.yaml');
    expect(!result.ok && result.problems).toContain('x.yaml: users[1].id: duplicate id "ana"');
  });

  it('names the file and line of a YAML syntax error, and an unreadable file', () => {
    const bad = parseHubConfig('users: [\n  {id: ana', 'broken.yaml');
    expect(!bad.ok && bad.problems[0]).toMatch(/^broken\.yaml \(line \d+\): not valid YAML\/JSON/);
    const missing = loadHubConfig('/nonexistent/hub.yaml');
    expect(!missing.ok && missing.problems[0]).toBe('/nonexistent/hub.yaml: cannot read the configuration file (ENOENT)');
  });
});

describe('data labels per language', () => {
  it('takes one text or one per language; the default is Spanish, else the first given', () => {
    const text = DEMO_CONFIG_YAML.replace('name: { es: Ventas, ca: Vendes, en: Sales }', 'name: { ca: Vendes, en: Sales }').replace(
      '  - { id: resolved, label: { es: Resuelto, ca: Resolt, en: Resolved } }',
      '  - { id: resolved, label: Hecho }',
    );
    const result = parseHubConfig(text, 'hub.yaml');
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config.queues[0]).toMatchObject({ name: 'Vendes', names: { ca: 'Vendes', en: 'Sales' } });
    expect(result.config.dispositions[0]).toEqual({ id: 'resolved', label: 'Hecho' });
    expect(result.config.dispositions[1]).toEqual({ id: 'callback', label: 'Volver a llamar', labels: { es: 'Volver a llamar', ca: 'Tornar a trucar', en: 'Call back' } });
  });

  it('refuses an empty translation map and an unknown language, naming the key', () => {
    const empty = parseHubConfig(DEMO_CONFIG_YAML.replace('label: { es: Resuelto, ca: Resolt, en: Resolved }', 'label: {}'), 'hub.yaml');
    expect(empty.ok).toBe(false);
    const french = parseHubConfig(DEMO_CONFIG_YAML.replace('label: { es: Resuelto, ca: Resolt, en: Resolved }', 'label: { es: Resuelto, fr: Résolu }'), 'hub.yaml');
    expect(french.ok).toBe(false);
    expect(!french.ok && french.problems.join('\n')).toContain('dispositions[0].label');
  });
});
