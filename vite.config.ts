import { defineConfig } from 'vite';
import path from 'node:path';
import { sipGrammarTablesVite } from './scripts/sip-grammar-tables.mjs';

// Renderer (index.html) and, from the voice issue on, the phone page are built as one
// multi-page app into dist/renderer. Relative base so Electron can load it from file://.
export default defineConfig({
  root: path.resolve(import.meta.dirname, 'src-renderer'),
  base: './',
  // SIP.js's grammar decoded once at load, not on every header parsed (scripts/sip-grammar-tables.mjs).
  plugins: [sipGrammarTablesVite],
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome130',
  },
  esbuild: { jsx: 'automatic' },
});
