/**
 * Reads and validates the hub configuration file. Errors are values naming the file, the key
 * path and what was expected, one line per problem, so an operator fixes them all in one go.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { describeConfigIssues, HubConfig } from '../../src-common/hub-config';

export type ConfigResult = { ok: true; config: HubConfig } | { ok: false; problems: string[] };

/** Parses YAML (a superset of JSON, so .json files go through the same path). */
export function parseHubConfig(text: string, fileLabel: string): ConfigResult {
  let raw: unknown;
  try {
    raw = parseYaml(text, { prettyErrors: true });
  } catch (cause) {
    const where = cause instanceof YAMLParseError && cause.linePos ? ` (line ${cause.linePos[0].line})` : '';
    const what = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    return { ok: false, problems: [`${fileLabel}${where}: not valid YAML/JSON: ${what}`] };
  }
  const parsed = HubConfig.safeParse(raw ?? {});
  if (!parsed.success) return { ok: false, problems: describeConfigIssues(fileLabel, parsed.error, raw) };
  return { ok: true, config: parsed.data };
}

export function loadHubConfig(file: string): ConfigResult {
  const label = path.basename(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'unreadable';
    return { ok: false, problems: [`${file}: cannot read the configuration file (${code})`] };
  }
  return parseHubConfig(text, label);
}
