import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES, render, words } from './messages';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalogue', () => {
  it('should give every entry a Chinese and an English text with the same placeholders', () => {
    const entries = Object.entries(MESSAGES) as [string, { zh: string; en: string }][];
    expect(entries.length).toBeGreaterThan(150);
    for (const [key, { zh, en }] of entries) {
      expect(zh.trim(), key).not.toBe('');
      expect(en.trim(), key).not.toBe('');
      expect(placeholders(en), key).toEqual(placeholders(zh));
      // English texts may quote a Chinese term (销号, 督办单) but not be Chinese sentences.
      expect(en.replace(/销号|督办单|申请销号/g, ''), key).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('should render labels and bilingual parameters in the language asked for', () => {
    const message = { key: 'reports.notEditable' as const, params: { status: words('reportStatus', 'approved') } };
    expect(render(message, 'zh')).toBe('报告已核查通过，只有草稿或被退回的报告可以修改');
    expect(render(message, 'en')).toMatch(/^the report is \w.*; only a draft or a returned report can be edited$/);
  });

  it('should leave no service refusal as a literal Chinese string outside the catalogue', () => {
    const src = join(__dirname, '../..');
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
    expect(files.length).toBeGreaterThan(50);
    const literal =
      /new (BadRequest|Conflict|NotFound|Forbidden|UnprocessableEntity|PayloadTooLarge|UnsupportedMediaType|Unauthorized)Exception\(\s*[`'"][^`'"]*[\u4e00-\u9fff]/;
    const offenders = files.filter((f) => literal.test(readFileSync(join(src, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
