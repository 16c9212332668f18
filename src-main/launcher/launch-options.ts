/**
 * `npm start` flags. Parsed with node:util so unknown flags are an error with a usage line,
 * not silently ignored.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { err, ok, type Result } from '../../src-common/result';

export interface LaunchOptions {
  open: boolean;
  /** Web host port; 0 picks a free one. */
  webPort: number;
  /** A hub to use instead of starting the embedded one. */
  hubUrl: string | null;
  /** Embedded hub port; 0 picks a free one. */
  hubPort: number;
  dataDir: string;
  simulate: boolean;
  /** Force web mode even when Electron's binary is installed. */
  web: boolean;
  policyPath: string | null;
}

export const USAGE =
  'usage: npm start -- [--no-open] [--web] [--port N] [--hub-url URL] [--hub-port N] [--data DIR] [--policy FILE] [--no-simulate]';

function port(raw: string | undefined, flag: string): Result<number> {
  if (raw === undefined) return ok(0);
  const value = Number(raw);
  return Number.isInteger(value) && value >= 0 && value <= 65535 ? ok(value) : err('bad-request', `${flag} expects a port number (0-65535), got "${raw}".`);
}

export function parseLaunchOptions(argv: readonly string[], cwd: string, env: Readonly<Record<string, string | undefined>>): Result<LaunchOptions> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        'no-open': { type: 'boolean', default: false },
        web: { type: 'boolean', default: false },
        port: { type: 'string' },
        'hub-url': { type: 'string' },
        'hub-port': { type: 'string' },
        data: { type: 'string' },
        policy: { type: 'string' },
        'no-simulate': { type: 'boolean', default: false },
      },
    }));
  } catch (cause) {
    return err('bad-request', `${cause instanceof Error ? cause.message : String(cause)}\n${USAGE}`);
  }
  const webPort = port(values.port, '--port');
  if (!webPort.ok) return webPort;
  const hubPort = port(values['hub-port'], '--hub-port');
  if (!hubPort.ok) return hubPort;
  let hubUrl: string | null = null;
  if (values['hub-url'] !== undefined) {
    try {
      const url = new URL(values['hub-url']);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
      hubUrl = url.origin;
    } catch {
      return err('bad-request', `--hub-url expects http(s)://host:port, got "${values['hub-url']}".`);
    }
  }
  const policy = values.policy ?? env.CENTRALITA_POLICY_FILE;
  return ok({
    open: !values['no-open'],
    web: values.web,
    webPort: webPort.value,
    hubUrl,
    hubPort: hubPort.value,
    dataDir: path.resolve(cwd, values.data ?? '.data'),
    simulate: !values['no-simulate'],
    policyPath: policy ? path.resolve(cwd, policy) : null,
  });
}
