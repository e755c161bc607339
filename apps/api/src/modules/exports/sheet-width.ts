/** Column widths that fit their content in a spreadsheet, where a CJK character is about two Latin ones wide. */

/** East Asian wide and fullwidth characters (CJK ideographs, kana, hangul, fullwidth forms and punctuation). */
const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

/** Display width of `text` in character cells: wide characters count 2 (astral ideographs too). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) || (ch.codePointAt(0) ?? 0) >= 0x20000 ? 2 : 1;
  return width;
}

/** The width of a column holding these texts: the widest plus a little padding, within [min, max]. */
export function columnWidth(texts: Iterable<string>, min = 6, max = 60, padding = 2): number {
  let widest = 0;
  for (const t of texts) widest = Math.max(widest, displayWidth(t));
  return Math.min(max, Math.max(min, widest + padding));
}
