/**
 * No input makes the parser throw, and it stays pure (no I/O, nothing but its own modules), so it also
 * bundles for the browser.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlanDocument } from './index';
import { fixtureText, SAMPLE, YICHUN, yichunUnits } from './test-fixtures';
import type { ParsedPlan } from './types';

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pieces of plan syntax, to build inputs that reach deep into the parser. */
const TOKENS = [
  '第一章  ',
  '第十二章',
  '第二节',
  '第节',
  '第〇章',
  '专栏1  ',
  '专栏',
  '表2  主要指标',
  '表1',
  '\t',
  ' \t',
  '\n',
  '\n\n',
  '\n\n\n',
  '（一）',
  '（十）',
  '1.',
  '12.',
  '。',
  '，',
  '；',
  '“',
  '”',
  '\uFFFD',
  '\uFFFD 术语：解释',
  '抄送：',
  '备注：',
  '—',
  '[',
  ']',
  '到2025年',
  '2023年底前',
  '2022年6月底前',
  '5月—10月',
  '秋冬季',
  '50万亩',
  '达到0.53',
  '95%以上',
  '丰樟高',
  '袁州',
  '上高',
  '约束性',
  '预期性',
  '≥',
  '<1.3',
  '宜春市“十四五”生态环境保护规划',
  '规划时限为2021—2025年',
  '优化结构。',
  'x',
  '\r\n',
  '\u0000',
];

function soup(next: () => number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += TOKENS[Math.floor(next() * TOKENS.length)];
  return s;
}

function noise(next: () => number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += String.fromCharCode(Math.floor(next() * 0x10000));
  return s;
}

/** What must hold for any input at all. */
function expectWellFormed(r: ParsedPlan, text: string): void {
  const lineCount = text.split(/\r\n|\r|\n/).length;
  const keys = new Set(r.items.map((i) => i.key));
  expect(keys.size).toBe(r.items.length);
  for (const item of r.items) {
    if (item.parentKey !== null) expect(keys.has(item.parentKey)).toBe(true);
    for (const m of item.milestones) expect(m.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const t of item.targets) expect(Number.isFinite(t.value)).toBe(true);
    for (const p of item.periods) expect(p.months.every((m) => m >= 1 && m <= 12)).toBe(true);
  }
  for (const g of r.glossary) for (const k of g.itemKeys) expect(keys.has(k)).toBe(true);
  for (const p of r.problems) {
    expect(Number.isInteger(p.line) && p.line >= 1 && p.line <= Math.max(lineCount, 1)).toBe(true);
    expect(p.message).not.toMatch(/内部错误/);
    expect(p.message.length).toBeGreaterThan(0);
  }
  if (r.items.every((i) => i.kind !== 'chapter')) expect(r.problems.some((p) => p.severity === 'error')).toBe(true);
}

describe('parsePlanDocument never throws', () => {
  it('should survive 300 soups of plan syntax', () => {
    const next = random(1);
    for (let i = 0; i < 300; i++) {
      const text = soup(next, 1 + Math.floor(next() * 400));
      expectWellFormed(parsePlanDocument(text, { units: yichunUnits() }), text);
    }
  });

  it('should survive 100 strings of random UTF-16 code units, lone surrogates included', () => {
    const next = random(2);
    for (let i = 0; i < 100; i++) {
      const text = noise(next, Math.floor(next() * 3000));
      expectWellFormed(parsePlanDocument(text), text);
    }
  });

  it('should survive the real documents cut at 200 random places, and give errors, not crashes', () => {
    const next = random(3);
    for (const name of [YICHUN, SAMPLE]) {
      const full = fixtureText(name);
      for (let i = 0; i < 100; i++) {
        const text = full.slice(0, Math.floor(next() * full.length));
        expectWellFormed(parsePlanDocument(text, { units: yichunUnits() }), text);
      }
    }
  });

  it('should survive the real document with its lines shuffled', () => {
    const next = random(4);
    const lines = fixtureText(YICHUN).split('\n');
    for (let i = 0; i < 20; i++) {
      const shuffled = [...lines].sort(() => next() - 0.5).join('\n');
      expectWellFormed(parsePlanDocument(shuffled, { units: yichunUnits() }), shuffled);
    }
  });

  it('should accept CRLF line ends and a BOM exactly like LF', () => {
    const text = fixtureText(YICHUN);
    const crlf = parsePlanDocument(`\uFEFF${text.replace(/\n/g, '\r\n')}`, { units: yichunUnits() });
    expect(crlf).toEqual(parsePlanDocument(text, { units: yichunUnits() }));
  });

  it('should answer a non-string with a problem, not an exception', () => {
    for (const bad of [undefined, null, 42, {}, Buffer.from('第一章')]) {
      const r = parsePlanDocument(bad as unknown as string);
      expect(r.problems).toEqual([{ line: 1, severity: 'error', message: '输入不是文本' }]);
    }
  });

  it('should stay fast on run-on text: lines without punctuation all join into one paragraph', () => {
    const text = `第一章  行动\n\n第一节  措施\n\n${Array.from({ length: 10000 }, (_, i) => `第${i}行到2025年新增${i}万亩“术语”`).join('\n')}`;
    const started = Date.now();
    const r = parsePlanDocument(text, { units: yichunUnits() });
    expect(Date.now() - started).toBeLessThan(3000);
    expectWellFormed(r, text);
  });

  it('should parse a large document in reasonable time', () => {
    const text = fixtureText(YICHUN);
    const big = Array.from({ length: 20 }, () => text).join('\n\n');
    const started = Date.now();
    const r = parsePlanDocument(big, { units: yichunUnits() });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.items.filter((i) => i.kind === 'chapter')).toHaveLength(12 * 20);
  });
});

describe('purity', () => {
  /** Everything index.ts reaches imports only its own sibling modules: no Node API, no dependency. */
  it('should import nothing but its own modules from index.ts on', () => {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(resolve(__dirname, file), 'utf8');
      for (const m of source.matchAll(/(?:import|export)[^'"]*from\s+'([^']+)'/g)) {
        const target = m[1] ?? '';
        expect(target, `${file} imports ${target}`).toMatch(/^\.\/[a-z-]+$/);
        visit(`${target.slice(2)}.ts`);
      }
      expect(source, `${file} uses a Node or browser global`).not.toMatch(/\b(require|process|Buffer|__dirname|window|document)\b[.(]/);
    };
    visit('index.ts');
    expect([...seen].sort()).toEqual([
      'assemble.ts',
      'extract.ts',
      'glossary.ts',
      'index.ts',
      'indicators.ts',
      'parse.ts',
      'plan-meta.ts',
      'scan.ts',
      'text.ts',
      'types.ts',
      'units.ts',
    ]);
  });
});
