/**
 * `npm run hub -- [--port 8400] [--host 127.0.0.1] [--data ./data] [--config hub.yaml] [--demo] [--simulate]`
 * Flags win over environment (CENTRALITA_HUB_PORT, CENTRALITA_HUB_HOST, CENTRALITA_HUB_DATA,
 * CENTRALITA_HUB_CONFIG, CENTRALITA_LOG_LEVEL). Without --config the demo configuration and demo
 * data are used. Stops gracefully on SIGINT/SIGTERM. `--print-demo-config` writes the demo YAML.
 * Mistakes in flags or the config file are printed as plain lines for the operator, not as log
 * records: they are answers to the person who typed the command.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { loadHubConfig } from './config/load-config';
import { DEMO_CONFIG_YAML } from './demo/demo-config';
import { startHub, type StartHubOptions } from './embedded';
import { createHubLogger } from './log';

const USAGE =
  'usage: npm run hub -- [--port 8400] [--host 127.0.0.1] [--data ./data] [--config hub.yaml] [--demo]\n' +
  '                      [--simulate] [--simulate-interval ms] [--max-waiting-chats n] [--chat-patience ms]\n' +
  '                      [--call-interval ms] [--call-patience ms] [--log-level info] [--print-demo-config]\n';

type CliResult = { kind: 'print-demo-config' } | { kind: 'start'; options: Omit<StartHubOptions, 'logger'>; logLevel: string } | { kind: 'error'; lines: string[] };

function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliResult {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        config: { type: 'string' },
        demo: { type: 'boolean', default: false },
        simulate: { type: 'boolean', default: false },
        'simulate-interval': { type: 'string' },
        'call-interval': { type: 'string' },
        'max-waiting-chats': { type: 'string' },
        'chat-patience': { type: 'string' },
        'call-patience': { type: 'string' },
        'log-level': { type: 'string' },
        'print-demo-config': { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (cause) {
    return { kind: 'error', lines: [cause instanceof Error ? cause.message : String(cause)] };
  }
  if (values['print-demo-config']) return { kind: 'print-demo-config' };

  const portText = values.port ?? env.CENTRALITA_HUB_PORT ?? '8400';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return { kind: 'error', lines: [`--port: expected a port number 0-65535, got "${portText}"`] };
  const intervalText = values['simulate-interval'] ?? '20000';
  const intervalMs = Number(intervalText);
  if (!Number.isInteger(intervalMs) || intervalMs < 100) return { kind: 'error', lines: [`--simulate-interval: expected milliseconds >= 100, got "${intervalText}"`] };
  // Simulated phone calls (lab SIP proxy on): at most one every this many ms.
  const callIntervalText = values['call-interval'];
  const callIntervalMs = callIntervalText === undefined ? undefined : Number(callIntervalText);
  if (callIntervalMs !== undefined && (!Number.isInteger(callIntervalMs) || callIntervalMs < 1000)) {
    return { kind: 'error', lines: [`--call-interval: expected milliseconds >= 1000, got "${callIntervalText}"`] };
  }

  const optionalCount = (flag: string, text: string | undefined, min: number): number | undefined | string => {
    if (text === undefined) return undefined;
    const value = Number(text);
    return Number.isInteger(value) && value >= min ? value : `${flag}: expected a whole number >= ${min}, got "${text}"`;
  };
  const maxWaitingChats = optionalCount('--max-waiting-chats', values['max-waiting-chats'], 1);
  const chatPatienceMs = optionalCount('--chat-patience', values['chat-patience'], 0);
  const callPatienceMs = optionalCount('--call-patience', values['call-patience'], 0);
  const problems = [maxWaitingChats, chatPatienceMs, callPatienceMs].filter((v): v is string => typeof v === 'string');
  if (problems.length > 0) return { kind: 'error', lines: problems };
  const numberOrDefault = (v: number | undefined | string): number | undefined => (typeof v === 'number' ? v : undefined);

  const configFile = values.config ?? env.CENTRALITA_HUB_CONFIG;
  let config;
  if (configFile) {
    const loaded = loadHubConfig(configFile);
    if (!loaded.ok) return { kind: 'error', lines: loaded.problems };
    config = loaded.config;
  }
  return {
    kind: 'start',
    logLevel: values['log-level'] ?? env.CENTRALITA_LOG_LEVEL ?? 'info',
    options: {
      port,
      host: values.host ?? env.CENTRALITA_HUB_HOST ?? '127.0.0.1',
      dataDir: path.resolve(values.data ?? env.CENTRALITA_HUB_DATA ?? './data'),
      config,
      seedDemoData: values.demo || !configFile,
      simulate: values.simulate
        ? {
            intervalMs,
            callIntervalMs,
            maxWaitingChats: numberOrDefault(maxWaitingChats),
            chatPatienceMs: numberOrDefault(chatPatienceMs),
            callPatienceMs: numberOrDefault(callPatienceMs),
          }
        : false,
    },
  };
}

async function main(): Promise<number> {
  const cli = parseCli(process.argv.slice(2), process.env);
  if (cli.kind === 'error') {
    process.stderr.write(`${cli.lines.join('\n')}\n${USAGE}`);
    return 2;
  }
  if (cli.kind === 'print-demo-config') {
    process.stdout.write(DEMO_CONFIG_YAML);
    return 0;
  }
  const hub = await startHub({ ...cli.options, logger: createHubLogger(cli.logLevel) });
  process.stdout.write(`Hub: ${hub.url}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await hub.stop();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (cause: unknown) => {
    createHubLogger('error').fatal({ err: cause }, 'hub failed to start');
    process.exit(1);
  },
);
