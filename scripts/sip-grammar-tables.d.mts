import type { Plugin as EsbuildPlugin } from 'esbuild';
import type { Plugin as VitePlugin } from 'vite';

export function decodeSipGrammarTablesOnce(source: string): string;
export const sipGrammarTablesEsbuild: EsbuildPlugin;
export const sipGrammarTablesVite: VitePlugin;
