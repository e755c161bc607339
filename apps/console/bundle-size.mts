import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import type { OutputBundle, OutputChunk } from 'rolldown';

/**
 * Prints the first load's JavaScript (and CSS) gzipped: the entry chunk and everything it imports statically,
 * i.e. what the browser must fetch before the log-in page can run. Fails the build above the budget.
 */
export function firstLoadBudget(budgetKb: number): Plugin {
  return {
    name: 'duban-first-load-budget',
    apply: 'build',
    generateBundle(_options, bundle: OutputBundle) {
      const chunks = Object.values(bundle).filter((f): f is OutputChunk => f.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const entry = chunks.find((c) => c.isEntry);
      if (!entry) return;
      const seen = new Set<string>();
      const visit = (chunk: OutputChunk) => {
        if (seen.has(chunk.fileName)) return;
        seen.add(chunk.fileName);
        for (const name of chunk.imports) {
          const next = byName.get(name);
          if (next) visit(next);
        }
      };
      visit(entry);
      let total = 0;
      const lines: string[] = [];
      for (const name of seen) {
        const size = gzipSync(byName.get(name)!.code).length;
        total += size;
        lines.push(`  ${name.padEnd(48)} ${(size / 1024).toFixed(1).padStart(8)} KB`);
      }
      const kb = total / 1024;
      console.log(`\nfirst-load JavaScript (entry + static imports, gzip): ${kb.toFixed(1)} KB of ${budgetKb} KB\n${lines.join('\n')}`);
      if (kb > budgetKb) this.error(`first-load JavaScript is ${kb.toFixed(1)} KB gzipped, over the ${budgetKb} KB budget`);
    },
  };
}
