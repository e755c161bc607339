import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { parsePlanDocument, type ParsedPlan, type ParseOptions } from '@duban/plan-parser';
import { decodePlanFile, PlanDocumentError, type DecodedPlanFile, type PlanDocumentErrorCode } from './plan-document';

/**
 * Plan documents are decoded (encoding detection, text decoding, .docx extraction) and parsed in a worker thread,
 * so a long or hostile document never holds up the API's other requests,
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

type Job = { kind: 'parse'; text: string; options: ParseOptions } | { kind: 'decode'; buffer: Uint8Array; filename?: string };
type Answer<T> = { ok: T } | { documentError: { message: string; code: PlanDocumentErrorCode } };

function runInWorker<T>(job: Job, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(__filename, {
      workerData: { mark: MARK, job },
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
    worker.once('message', (answer: Answer<T>) =>
      settle(() =>
        'ok' in answer ? resolve(answer.ok) : reject(new PlanDocumentError(answer.documentError.message, answer.documentError.code)),
      ),
    );
    worker.once('error', (err: Error & { code?: string }) =>
      settle(() => reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new PlanParseAborted('memory') : err)),
    );
    worker.once('exit', (code) => settle(() => reject(new Error(`plan parser worker exited with code ${code}`))));
  });
}

export function parseInWorker(text: string, options: ParseOptions, timeoutMs: number): Promise<ParsedPlan> {
  return runInWorker<ParsedPlan>({ kind: 'parse', text, options }, timeoutMs);
}

/** decodePlanFile off the main thread, within the same time limit; a PlanDocumentError comes back as one. */
export function decodeInWorker(buffer: Buffer, filename: string | undefined, timeoutMs: number): Promise<DecodedPlanFile> {
  return runInWorker<DecodedPlanFile>({ kind: 'decode', buffer, filename }, timeoutMs);
}

async function work(job: Job): Promise<Answer<unknown>> {
  if (job.kind === 'parse') return { ok: parsePlanDocument(job.text, job.options) };
  try {
    return { ok: await decodePlanFile(Buffer.from(job.buffer.buffer, job.buffer.byteOffset, job.buffer.byteLength), job.filename) };
  } catch (err) {
    if (err instanceof PlanDocumentError) return { documentError: { message: err.message, code: err.code } };
    throw err;
  }
}

if (!isMainThread && (workerData as { mark?: string } | null)?.mark === MARK) {
  void work((workerData as { job: Job }).job).then((answer) => parentPort?.postMessage(answer));
}
