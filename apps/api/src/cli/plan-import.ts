import 'reflect-metadata';
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { HttpException } from '@nestjs/common';
import { SingleBar, Presets } from 'cli-progress';
import { createApp } from '../app.factory';
import { loadConfig } from '../core/config/app-config';
import { openDatabase } from '../core/database/open-database';
import { SeedService } from '../core/seed/seed.service';
import { PlanImportService, type ImportResult } from '../modules/plans/plan-import.service';

const COUNT_LABELS: Record<keyof ImportResult['counts'], string> = {
  chapters: '章',
  sections: '节',
  measures: '措施',
  columns: '专栏',
  projects: '专栏工程',
  blocks: '框内要求',
  indicators: '指标（含分项）',
  glossaryTerms: '术语（脚注）',
};

/** `npm run plan:import -- FILE`: imports a plan document (.txt or .docx) as a draft plan and says what it found. */
async function run(file: string | undefined): Promise<number> {
  if (!file) {
    console.error('用法：npm run plan:import -- 规划文件.txt|.docx');
    return 2;
  }
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
  const size = (await stat(path)).size;
  const config = { ...loadConfig(), logLevel: 'warn' };
  const db = await openDatabase(config, (m) => console.error(m));
  const app = await createApp(config, db.url);
  const bar = new SingleBar(
    { format: '  {stage} [{bar}] {value}/{total}', hideCursor: true, noTTYOutput: true, notTTYSchedule: 1000 },
    Presets.shades_classic,
  );
  try {
    await app.init();
    await app.get(SeedService).seed(); // the org units the document's counties resolve through
    const importer = app.get(PlanImportService);
    console.log(`▸ 读取 ${basename(path)}（${(size / 1024).toFixed(0)} KB）`);
    const { text, encoding } = await importer.decode(await readFile(path), basename(path));
    bar.start(1, 0, { stage: '解析' });
    const result = await importer.importText(null, text, encoding, (stage, done, total) => {
      bar.setTotal(Math.max(total, 1));
      bar.update(done, { stage });
    });
    bar.stop();
    printResult(result);
    return 0;
  } catch (err) {
    bar.stop();
    if (err instanceof HttpException) {
      const body = err.getResponse() as { message?: string; problems?: { line: number; message: string; severity: string }[] };
      console.error(`✗ ${body.message ?? err.message}`);
      for (const p of body.problems ?? []) console.error(`  第 ${p.line} 行 [${p.severity}] ${p.message}`);
      return 1;
    }
    throw err;
  } finally {
    await app.close();
    await db.close();
  }
}

function printResult(r: ImportResult): void {
  console.log(
    `\n${r.created ? '新建' : '更新'}草稿规划：${r.plan.title}（${r.plan.code}，${r.plan.periodStart} 至 ${r.plan.periodEnd}，编码 ${r.encoding}，状态 ${r.plan.status}）`,
  );
  console.table(
    Object.fromEntries(Object.entries(r.counts).map(([k, v]) => [COUNT_LABELS[k as keyof ImportResult['counts']], { 数量: v }])),
  );
  console.log(`新增 ${r.added.length}，删除 ${r.removed.length}，修改 ${r.changed.length}`);
  for (const [label, rows] of [
    ['+', r.added],
    ['-', r.removed],
    ['~', r.changed],
  ] as const) {
    for (const row of rows.slice(0, 20))
      console.log(`  ${label} ${row.kind} ${row.number} ${row.title}${row.fields ? `（${row.fields.join(', ')}）` : ''}`);
    if (rows.length > 20) console.log(`  … 另有 ${rows.length - 20} 条`);
  }
  if (r.problems.length === 0) console.log('没有发现问题。');
  for (const p of r.problems) console.log(`  第 ${p.line} 行 [${p.severity}] ${p.message}`);
}

run(process.argv[2]).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);
