import { describe, expect, it } from 'vitest';
import { cleanFileName, contentDisposition } from './file-name';

describe('cleanFileName', () => {
  it('should keep the last path segment and the Chinese name', () => {
    expect(cleanFileName('C:\\fakepath\\现场照片.jpg')).toBe('现场照片.jpg');
    expect(cleanFileName('/home/林业局/2024/验收意见.pdf')).toBe('验收意见.pdf');
    expect(cleanFileName('宜春市林业局 2024年第二季度 造林进展.docx')).toBe('宜春市林业局 2024年第二季度 造林进展.docx');
  });

  it('should refuse a name that climbs out of its folder', () => {
    for (const name of ['../a.jpg', '..\\a.jpg', 'x/../../a.jpg', '.. /a.jpg']) expect(() => cleanFileName(name), name).toThrow(/路径/);
  });

  it('should remove control characters and bidirectional overrides, and reserved characters', () => {
    expect(cleanFileName('照片\u202Egpj.exe')).toBe('照片gpj.exe');
    expect(cleanFileName('a\u0000b\u0007c\r\n.pdf')).toBe('abc.pdf');
    expect(cleanFileName('a:b*c?"d<e>f|.png')).toBe('a_b_c__d_e_f_.png');
  });

  it('should not leave a hidden, empty or endless name', () => {
    expect(cleanFileName('.bashrc')).toBe('bashrc');
    expect(cleanFileName('  ')).toBe('未命名');
    expect(cleanFileName(undefined)).toBe('未命名');
    expect(cleanFileName('报告. . .')).toBe('报告');
    const long = cleanFileName(`${'长'.repeat(300)}.pdf`);
    expect([...long]).toHaveLength(200);
    expect(long.endsWith('.pdf')).toBe(true);
  });

  it('should compose a name to NFC', () => {
    expect(cleanFileName('Cafe\u0301.jpg')).toBe('Caf\u00e9.jpg');
  });
});

describe('contentDisposition', () => {
  it('should give an ASCII fallback and the UTF-8 name per RFC 5987', () => {
    expect(contentDisposition('现场照片.jpg')).toBe(
      `attachment; filename="____.jpg"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87.jpg`,
    );
    expect(contentDisposition(`a "b" (c)'d'*.pdf`)).toBe(
      `attachment; filename="a _b_ (c)'d'*.pdf"; filename*=UTF-8''a%20%22b%22%20%28c%29%27d%27%2A.pdf`,
    );
  });
});
