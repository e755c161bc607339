import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { parsePlanDocument, type ParsedPlan, type ParseOptions } from '@duban/plan-parser';

/**
 * Plan documents are parsed in a worker thread, so a long document never holds up the API's other requests,
 * and a parse that runs past its time is stopped (the thread is terminated) instead of spinning on.
 * The worker runs this same module: compiled JavaScript in a build; under the test runner, which runs the
 * TypeScript sources, the thread loads them through the loader the runner names in DUBAN_TS_LOADER.
 */

/** The parse did not finish in time, or ran out of the memory a worker may use. */
export class PlanParseAborted extends Error {
  constructor(readonly reason: 'timeout' | 'memory') {
    super(reason);
  }
}

const MARK = 'duban:plan-parse';
/** Far above what any real plan needs (the Yichun plan parses in well under 100 MB). */
const WORKER_HEAP_MB = 1024;

function execArgv(): string[] | undefined {
  if (!__filename.endsWith('.ts')) return undefined;
  const loader = process.env.DUBAN_TS_LOADER;
  if (!loader) throw new Error('plan parsing needs the built API (npm run build), or DUBAN_TS_LOADER when run from sources');
  return [...process.execArgv, '--require', loader];
}

export function parseInWorker(text: string, options: ParseOptions, timeoutMs: number): Promise<ParsedPlan> {
  return new Promise<ParsedPlan>((resolve, reject) => {
    const worker = new Worker(__filename, {
      workerData: { mark: MARK, text, options },
      execArgv: execArgv(),
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => settle(() => reject(new PlanParseAborted('timeout'))), timeoutMs);
    worker.once('message', (plan: ParsedPlan) => settle(() => resolve(plan)));
    worker.once('error', (err: Error & { code?: string }) =>
      settle(() => reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new PlanParseAborted('memory') : err)),
    );
    worker.once('exit', (code) => settle(() => reject(new Error(`plan parser worker exited with code ${code}`))));
  });
}

if (!isMainThread && (workerData as { mark?: string } | null)?.mark === MARK) {
  const { text, options } = workerData as { text: string; options: ParseOptions };
  parentPort?.postMessage(parsePlanDocument(text, options));
}
