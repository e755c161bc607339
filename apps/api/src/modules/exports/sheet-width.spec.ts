import { describe, expect, it } from 'vitest';
import { columnWidth, displayWidth } from './sheet-width';

describe('displayWidth', () => {
  it('should count CJK characters and fullwidth punctuation double and Latin ones single', () => {
    expect(displayWidth('C4.1')).toBe(4);
    expect(displayWidth('市林业局')).toBe(8);
    expect(displayWidth('各县（市、区）')).toBe(14);
    expect(displayWidth('2025-12-31')).toBe(10);
    expect(displayWidth('PM2.5浓度')).toBe(9);
  });
});

describe('columnWidth', () => {
  it('should fit the widest text with padding, within the limits', () => {
    expect(columnWidth(['条目编号', '6.1.2'])).toBe(10);
    expect(columnWidth(['a'])).toBe(6);
    expect(columnWidth(['长'.repeat(100)])).toBe(60);
  });
});
