/**
 * No input makes the parser throw, and it stays pure (no I/O, nothing but its own modules), so it also
 * bundles for the browser.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlanDocument } from './index';
import { fixtureText, SAMPLE, YICHUN, yichunOptions } from './test-fixtures';
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
      expectWellFormed(parsePlanDocument(text, yichunOptions()), text);
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
        expectWellFormed(parsePlanDocument(text, yichunOptions()), text);
      }
    }
  }, 60_000);

  it('should survive the real document with its lines shuffled', () => {
    const next = random(4);
    const lines = fixtureText(YICHUN).split('\n');
    for (let i = 0; i < 20; i++) {
      const shuffled = [...lines].sort(() => next() - 0.5).join('\n');
      expectWellFormed(parsePlanDocument(shuffled, yichunOptions()), shuffled);
    }
  });

  it('should accept CRLF line ends and a BOM exactly like LF', () => {
    const text = fixtureText(YICHUN);
    const crlf = parsePlanDocument(`\uFEFF${text.replace(/\n/g, '\r\n')}`, yichunOptions());
    expect(crlf).toEqual(parsePlanDocument(text, yichunOptions()));
  });

  it('should answer a non-string with a problem, not an exception', () => {
    for (const bad of [undefined, null, 42, {}, Buffer.from('第一章')]) {
      const r = parsePlanDocument(bad as unknown as string);
      expect(r.problems).toEqual([{ line: 1, severity: 'error', message: '输入不是文本' }]);
    }
  });

  it('should join run-on lines without punctuation into one paragraph and keep it well formed', () => {
    const text = `第一章  行动\n\n第一节  措施\n\n${Array.from({ length: 10000 }, (_, i) => `第${i}行到2025年新增${i}万亩“术语”`).join('\n')}`;
    const r = parsePlanDocument(text, yichunOptions());
    expectWellFormed(r, text);
    expect(r.items.filter((i) => i.kind === 'section')).toHaveLength(1);
  }, 60_000);

  it('should read twenty copies of the Yichun plan as 240 chapters', () => {
    const text = fixtureText(YICHUN);
    const big = Array.from({ length: 20 }, () => text).join('\n\n');
    const r = parsePlanDocument(big, yichunOptions());
    expect(r.items.filter((i) => i.kind === 'chapter')).toHaveLength(12 * 20);
  }, 60_000);
});

/**
 * The parser's work, counted rather than timed: every character that string and regular-expression
 * primitives scan or copy (from where they start to where they stop), plus every Map probe and every
 * element an array search passes. Deterministic, so it can be compared across input sizes.
 */
function countWork(run: () => void): number {
  let work = 0;
  const restore: (() => void)[] = [];
  type Cost = (self: unknown, args: unknown[], result: unknown, from: number) => number;
  /** Replaces proto[name] with a wrapper that adds cost(self, args, result, lastIndex before the call) to the work. */
  const patch = (proto: object, name: string, cost: Cost) => {
    const original = Reflect.get(proto, name) as (...args: unknown[]) => unknown;
    const wrapped = function (this: unknown, ...args: unknown[]) {
      const from = this instanceof RegExp ? this.lastIndex : 0;
      const result = original.apply(this, args);
      work += cost(this, args, result, from);
      return result;
    };
    Object.defineProperty(proto, name, { configurable: true, writable: true, value: wrapped });
    restore.push(() => Object.defineProperty(proto, name, { configurable: true, writable: true, value: original }));
  };
  /** From where a search starts to where it stops: the end of what it found, or the end of the text. */
  const span = (length: number, from: number, foundAt: number, found: number) =>
    (foundAt < 0 ? length : foundAt + found) - Math.max(0, Math.min(from, length)) + 1;
  try {
    // V8's matchAll, replace, split, test and match all go through exec, so this counts them too.
    patch(RegExp.prototype, 'exec', (self, args, result, from) => {
      const re = self as RegExp;
      const m = result as RegExpExecArray | null;
      if (re.sticky && !m) return 1; // a sticky try looks at one place (split tries every position this way)
      return span(String(args[0]).length, re.global || re.sticky ? from : 0, m ? m.index : -1, m ? m[0].length : 0);
    });
    patch(String.prototype, 'indexOf', (self, args, result) =>
      span((self as string).length, Number(args[1] ?? 0), result as number, String(args[0]).length),
    );
    patch(String.prototype, 'includes', (self, args, result) => (result ? String(args[0]).length : (self as string).length) + 1);
    patch(String.prototype, 'slice', (_self, _args, result) => (result as string).length + 1);
    patch(String.prototype, 'trim', (self) => (self as string).length + 1);
    patch(Map.prototype, 'has', () => 1);
    patch(Map.prototype, 'get', () => 1);
    for (const name of ['includes', 'some', 'filter']) patch(Array.prototype, name, (self) => (self as unknown[]).length + 1);
    run();
  } finally {
    for (const undo of restore.reverse()) undo();
  }
  return work;
}

/** Documents that grow in one direction each: many duplicate headings, many items, many footnotes, long lines. */
const PATHOLOGICAL: Record<string, (n: number) => string> = {
  'the same chapter heading again and again': (n) => '第一章\n'.repeat(n),
  'sections under one chapter': (n) => `第一章  总则\n${'第一节  标题\n'.repeat(n)}`,
  'measures under one section': (n) => `第三章  行动\n第一节  措施\n${'推进工作。内容到2025年新增12万亩。\n\n'.repeat(n)}`,
  'columns of projects with sub-items': (n) => `第三章  行动\n${'\t专栏1  工程\n\t（一）工程\n\t1.水环境。内容\n\n\n'.repeat(n)}`,
  'tables with rows': (n) => `第一章  总则\n${'表1  指标\n\t指标\t单位\n\t1.甲\t%\n\n\n'.repeat(n)}`,
  'items and footnotes that pair with them': (n) =>
    `第三章  行动\n第一节  措施\n${Array.from({ length: n }, (_, i) => `推进工作${i}。使用“名${i}”\n的办法。\n\n`).join('')}${Array.from(
      { length: n },
      (_, i) => `\uFFFD名${i}：解释${i}\n`,
    ).join('')}`,
  'one run-on line': (n) => `第三章  行动\n第一节  措施\n推进。${'到2025年新增1 2个袁州区4月—9月'.repeat(n)}`,
  'blank lines and lone tabs': (n) => `第一章  总则\n${'\n\t\n \n'.repeat(n)}`,
};

describe('parsePlanDocument runs in linear time', () => {
  for (const [name, make] of Object.entries(PATHOLOGICAL)) {
    it(`should do at most ~4× the work on 4× the input: ${name}`, () => {
      const small = make(500);
      const large = make(2000);
      const ratio = countWork(() => parsePlanDocument(large, yichunOptions())) / countWork(() => parsePlanDocument(small, yichunOptions()));
      // Linear work gives 4 (a little less, for the fixed cost); quadratic work gives 16.
      expect(ratio, `work grew ${ratio.toFixed(1)}× for ${(large.length / small.length).toFixed(1)}× the text`).toBeLessThan(6);
    }, 120_000);
  }
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
