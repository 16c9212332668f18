/**
 * Plain-text mail: the earlier messages a reply quotes ("> …" lines and the "On … wrote:" line
 * above them) fold away, so the agent reads what is new first.
 */
export type TextPart = { kind: 'text'; text: string } | { kind: 'quote'; text: string };

/** "El lun, 5 dic 2026 a las 10:02, Ana <a@x.es> escribió:", "On … wrote:", "… va escriure:", Outlook's separator. */
const QUOTE_HEADER = /^(?:(?:on|el|em|le|am)\b.{0,200}(?:wrote|escribió|escrigué|va escriure|a écrit|schrieb)\s*:|-{2,}\s*(?:original message|mensaje original|missatge original)\s*-{2,})\s*$/i;

export function splitQuoted(text: string): TextPart[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const parts: TextPart[] = [];
  const push = (kind: TextPart['kind'], line: string): void => {
    const last = parts.at(-1);
    if (last && last.kind === kind) last.text += `\n${line}`;
    else parts.push({ kind, text: line });
  };
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const next = lines.slice(i + 1).find((l) => l.trim() !== '');
    const startsQuote = QUOTE_HEADER.test(line.trim()) && (next === undefined || next.startsWith('>') || /original/i.test(line));
    if (line.startsWith('>') || startsQuote) {
      // An Outlook-style separator quotes everything below it, without ">" marks.
      if (startsQuote && /original/i.test(line)) {
        push('quote', lines.slice(i).join('\n'));
        break;
      }
      push('quote', line);
    } else if (line.trim() === '' && parts.at(-1)?.kind === 'quote' && (lines[i + 1] ?? '').startsWith('>')) {
      push('quote', line);
    } else {
      push('text', line);
    }
  }
  return parts.map((p) => ({ ...p, text: p.kind === 'text' ? p.text.replace(/\s+$/, '') : p.text })).filter((p) => p.text.trim() !== '');
}
