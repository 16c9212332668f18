/**
 * The widget's files: the script bundle built from src-widget (dist/widget/chat-widget.js) and
 * the standalone page that loads it. The bundle is found next to the running hub bundle or in
 * the working tree's dist/, like the desktop's cache worker.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const WIDGET_BUNDLE_FILE = 'chat-widget.js';

export function findWidgetBundle(): string | null {
  const dirs = [typeof __dirname === 'string' ? __dirname : null, process.argv[1] ? path.dirname(path.resolve(process.argv[1])) : null].filter(
    (dir): dir is string => dir !== null,
  );
  const candidates = dirs.flatMap((dir) => [path.resolve(dir, '../widget', WIDGET_BUNDLE_FILE), path.join(dir, WIDGET_BUNDLE_FILE)]);
  candidates.push(path.resolve(process.cwd(), 'dist/widget', WIDGET_BUNDLE_FILE));
  return candidates.find((candidate) => existsSync(candidate)) ?? null;
}

/** Reads the bundle once per hub; null when it was not built. */
export function loadWidgetBundle(): Buffer | null {
  const file = findWidgetBundle();
  return file ? readFileSync(file) : null;
}

/**
 * The standalone page. Static: nothing from the request is echoed into it, so there is nothing
 * to escape; its CSP lets only this hub's script and socket run.
 */
export const CHAT_PAGE_HTML = `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Centralita · Chat</title>
<link rel="icon" href="data:,">
</head>
<body>
<main id="centralita-chat-page"></main>
<script src="/widget.js" data-centralita-mode="page" data-centralita-target="centralita-chat-page"></script>
</body>
</html>
`;

export const CHAT_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
