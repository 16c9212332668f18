/**
 * What the shell reads from its command line: what the launcher hands over (hub URL, data
 * folder, policy file for development) and a tel:/sip: link the OS passes when the agent clicks
 * a number elsewhere. Everything else on the command line (Chromium switches, the app path) is
 * ignored.
 */
export interface LaunchArgs {
  /** Hub to use when settings leave hubUrl empty (the launcher's embedded lab hub). */
  hubUrl: string | null;
  /** A validated tel:/sip:/sips: URI to dial, or null. */
  dialTarget: string | null;
  /** --data DIR: where cache, settings and logs live instead of the OS default. */
  dataDir: string | null;
  /** --policy FILE: honoured only by unpackaged runs (see platform-paths.ts). */
  policyPath: string | null;
}

const DIAL_SCHEMES = /^(tel|sips?):/i;
// Generous but bounded: a dial string is a number or a SIP address, never free text.
const DIAL_TARGET = /^(tel|sips?):[^\s<>"'`\\]{1,250}$/i;

/** A tel:/sip:/sips: argument as the OS passed it, or null if none is well-formed. */
export function findDialTarget(argv: readonly string[]): string | null {
  for (const arg of argv) {
    if (DIAL_SCHEMES.test(arg) && DIAL_TARGET.test(arg)) return arg;
  }
  return null;
}

function httpUrl(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href.replace(/\/$/, '') : null;
  } catch {
    return null;
  }
}

/** Value of `--name value` or `--name=value`; the last one wins, as with most CLIs. */
function flagValue(argv: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  argv.forEach((arg, index) => {
    if (arg === name) value = argv[index + 1];
    else if (arg.startsWith(`${name}=`)) value = arg.slice(name.length + 1);
  });
  return value === undefined || value.startsWith('--') || value === '' ? undefined : value;
}

export function parseLaunchArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): LaunchArgs {
  return {
    hubUrl: httpUrl(flagValue(argv, '--hub-url')) ?? httpUrl(env.CENTRALITA_HUB_URL),
    dialTarget: findDialTarget(argv),
    dataDir: flagValue(argv, '--data') ?? null,
    policyPath: flagValue(argv, '--policy') ?? null,
  };
}
