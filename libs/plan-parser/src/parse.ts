/**
 * parsePlanDocument: plan document text → the plan's outline, indicators, glossary and problems.
 * Pure: no I/O, no Node APIs, no dependencies. It never throws; whatever it cannot read is a problem.
 */
import { assemble, type Assembly } from './assemble';
import { findMilestones, findPeriods, findTargets } from './extract';
import { buildGlossary, linkGlossary } from './glossary';
import { readTables } from './indicators';
import { readPlanMeta } from './plan-meta';
import { scan } from './scan';
import { splitLines } from './text';
import type { ParsedPlan, ParseOptions, ParseProblem } from './types';
import { unitMatcher } from './units';

function emptyPlan(problems: ParseProblem[]): ParsedPlan {
  return {
    plan: { title: '', periodStart: '', periodEnd: '', code: '', issuedOn: null, notice: '', preface: '', trailer: '' },
    items: [],
    indicators: [],
    indicatorTable: null,
    referenceTables: [],
    glossary: [],
    problems,
  };
}

/**
 * Binary files decoded as text are full of control characters and replacement characters. Footnote
 * marks are replacement characters too, but only at the start of a line.
 */
function binaryProblem(text: string): ParseProblem | null {
  const controls = text.match(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g)?.length ?? 0;
  const replacements = (text.match(/\uFFFD/g)?.length ?? 0) - (text.match(/(^|\n)[ \t\u3000]*\uFFFD/g)?.length ?? 0);
  const bad = controls + Math.max(0, replacements);
  if (bad >= 8 && bad > text.length * 0.01) {
    return {
      line: 1,
      severity: 'error',
      message: `文件内容不是文本（含有${bad}个控制字符或无法解码的字符），可能是二进制文件或编码不对；请上传.txt（UTF-8/GB18030）或.docx格式的规划文件`,
    };
  }
  return null;
}

function checkOutline(a: Assembly, problems: ParseProblem[]): void {
  if (a.chapterCount === 0) {
    problems.push({ line: 1, severity: 'error', message: '未找到任何“第X章”章标题：这不是一份规划文件，或章标题的格式无法识别' });
    return;
  }
  if (!a.items.some((it) => it.assignable)) {
    problems.push({ line: 1, severity: 'warning', message: '没有找到可分解的任务（措施、专栏工程或保障措施），请检查文件是否完整' });
  }
}

function fillItems(a: Assembly, options: ParseOptions): void {
  const matcher = unitMatcher(options.units ?? [], options.groupAbbreviations ?? [], options.ambiguousNames ?? []);
  for (const item of a.items) {
    const text = `${item.title}\n${item.body}`;
    item.mentionedUnitCodes = matcher.mentions(text);
    // Background chapters report the past and state aims; their years and numbers are not commitments.
    if (a.backgroundKeys.has(item.key)) continue;
    item.milestones = findMilestones(item.body);
    item.periods = findPeriods(item.body);
    item.targets = findTargets(item.body);
  }
}

const SEVERITY_ORDER = { error: 0, warning: 1 } as const;

function parseUnsafe(text: string, options: ParseOptions): ParsedPlan {
  if (text.trim() === '') {
    return emptyPlan([{ line: 1, severity: 'error', message: '文件为空，没有任何文字' }]);
  }
  const binary = binaryProblem(text);
  if (binary) return emptyPlan([binary]);

  const assembly = assemble(scan(splitLines(text)));
  const problems = assembly.problems;
  checkOutline(assembly, problems);
  const tables = readTables(assembly.tables);
  problems.push(...tables.problems);
  fillItems(assembly, options);
  const glossary = buildGlossary(assembly.footnotes, assembly.refs, assembly.items, problems);
  linkGlossary(assembly.items, glossary);
  const plan = readPlanMeta(assembly.front, assembly.trailer, options, problems);
  problems.sort((x, y) => x.line - y.line || SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity]);
  return {
    plan,
    items: assembly.items,
    indicators: tables.indicators,
    indicatorTable: tables.indicatorTable,
    referenceTables: tables.referenceTables,
    glossary,
    problems,
  };
}

export function parsePlanDocument(text: string, options?: ParseOptions): ParsedPlan {
  if (typeof text !== 'string') {
    return emptyPlan([{ line: 1, severity: 'error', message: '输入不是文本' }]);
  }
  try {
    return parseUnsafe(text, options ?? {});
  } catch (e) {
    // Never throw at the caller; a crash here is a bug, reported as a problem so the import stops cleanly.
    const reason = e instanceof Error ? e.message : String(e);
    return emptyPlan([{ line: 1, severity: 'error', message: `解析器内部错误，文件未能解析：${reason}` }]);
  }
}

export interface ParsedCounts {
  chapters: number;
  sections: number;
  measures: number;
  columns: number;
  projects: number;
  blocks: number;
  indicators: number;
  glossaryTerms: number;
}

/** What a parse found, by kind: the summary an import reports and the tests assert. */
export function countParsed(parsed: ParsedPlan): ParsedCounts {
  const n = (kind: string) => parsed.items.filter((i) => i.kind === kind).length;
  return {
    chapters: n('chapter'),
    sections: n('section'),
    measures: n('measure'),
    columns: n('column'),
    projects: n('project'),
    blocks: n('block'),
    indicators: parsed.indicators.length,
    glossaryTerms: parsed.glossary.length,
  };
}
