import { describe, expect, it } from 'vitest';
import { clsid, compoundFile, docx, exe, isoMedia, jpeg, ofd, pdf, png, webp, zip } from '../../../../../tests/fixtures/evidence/builders';
import { compoundDirectory, zipEntryNames } from './containers';
import { confirmContainer, nameAndMime, RefusedType, sniffType } from './evidence-type';

const reader = (b: Buffer) => async (offset: number, length: number) => b.subarray(offset, offset + length);

describe('sniffType', () => {
  it('should decide photos, PDFs and MP4 from their first bytes', async () => {
    expect(await sniffType(jpeg())).toEqual({ format: 'jpeg' });
    expect(await sniffType(png())).toEqual({ format: 'png' });
    expect(await sniffType(webp())).toEqual({ format: 'webp' });
    expect(await sniffType(isoMedia('heic'))).toEqual({ format: 'heic' });
    expect(await sniffType(pdf())).toEqual({ format: 'pdf' });
    expect(await sniffType(isoMedia('isom'))).toEqual({ format: 'mp4' });
  });

  it('should leave ZIP and compound files to their directories', async () => {
    expect(await sniffType(docx())).toEqual({ container: 'zip' });
    expect(await sniffType(ofd())).toEqual({ container: 'zip' });
    expect(await sniffType(compoundFile('WordDocument'))).toEqual({ container: 'cfb' });
  });

  it('should refuse an executable, a QuickTime movie and text, saying what they are', async () => {
    await expect(sniffType(exe())).rejects.toThrow(/Windows 可执行程序/);
    await expect(sniffType(isoMedia('qt  '))).rejects.toThrow(/QuickTime/);
    await expect(sniffType(Buffer.from('plain text, not evidence'))).rejects.toThrow(RefusedType);
  });
});

describe('confirmContainer', () => {
  it('should tell OOXML and OFD from any other ZIP, and refuse macros', async () => {
    const check = (b: Buffer) => confirmContainer('zip', reader(b), b.length);
    expect(await check(docx())).toBe('docx');
    expect(await check(ofd())).toBe('ofd');
    expect(
      await check(
        zip([
          { name: '[Content_Types].xml', data: '<Types/>' },
          { name: 'xl/workbook.xml', data: '<workbook/>' },
        ]),
      ),
    ).toBe('xlsx');
    expect(
      await check(
        zip([
          { name: '[Content_Types].xml', data: '<Types/>' },
          { name: 'ppt/presentation.xml', data: '<p/>' },
        ]),
      ),
    ).toBe('pptx');
    await expect(check(docx({ macro: true }))).rejects.toThrow(/宏/);
    await expect(check(zip([{ name: 'app.exe', data: exe() }]))).rejects.toThrow(/ZIP/);
    await expect(check(docx().subarray(0, 200))).rejects.toThrow(/损坏/);
  });

  it('should tell Word, Excel and PowerPoint compound files from installers and others', async () => {
    const check = (b: Buffer) => confirmContainer('cfb', reader(b), b.length);
    expect(await check(compoundFile('WordDocument'))).toBe('doc');
    expect(await check(compoundFile('Workbook'))).toBe('xls');
    expect(await check(compoundFile('Book'))).toBe('xls');
    expect(await check(compoundFile('PowerPoint Document'))).toBe('ppt');
    await expect(check(compoundFile('WordDocument', { rootClsid: clsid('{000C1084-0000-0000-C000-000000000046}') }))).rejects.toThrow(
      /安装程序/,
    );
    await expect(check(compoundFile('Workbook', { before: ['_VBA_PROJECT_CUR'] }))).rejects.toThrow(/宏/);
    await expect(check(compoundFile('Contents'))).rejects.toThrow(/不是 Word/);
    await expect(check(compoundFile('WordDocument').subarray(0, 600))).rejects.toThrow(/损坏/);
  });
});

describe('container directories', () => {
  it('should follow a compound file’s directory across sectors through the FAT', async () => {
    const file = compoundFile('WordDocument', {
      before: ['SummaryInformation', 'DocumentSummaryInformation', '1Table', 'CompObj', 'Data'],
    });
    const dir = await compoundDirectory(reader(file), file.length);
    expect(dir.names).toEqual(['SummaryInformation', 'DocumentSummaryInformation', '1Table', 'CompObj', 'Data', 'WordDocument']);
    expect(dir.rootClsid).toBe('');
    const msi = compoundFile('x', { rootClsid: clsid('{000C1084-0000-0000-C000-000000000046}') });
    expect((await compoundDirectory(reader(msi), msi.length)).rootClsid).toBe('000C1084-0000-0000-C000-000000000046');
  });

  it('should refuse a directory chain that loops', async () => {
    const file = compoundFile('WordDocument', { before: ['a', 'b', 'c', 'd'] });
    file.writeUInt32LE(1, 512 + 2 * 4); // FAT: directory sector 2 points back to 1
    await expect(compoundDirectory(reader(file), file.length)).rejects.toThrow(/目录链无效/);
  });

  it('should list a ZIP’s entries from its central directory, with UTF-8 names', async () => {
    const file = zip([
      { name: 'OFD.xml', data: '<ofd/>' },
      { name: 'Doc_0/附件/说明.xml', data: '<x/>' },
    ]);
    expect(await zipEntryNames(reader(file), file.length)).toEqual(['OFD.xml', 'Doc_0/附件/说明.xml']);
  });
});

describe('nameAndMime', () => {
  it('should keep a name of the right family, append the extension to an unknown one, and refuse a mislabelled one', () => {
    expect(nameAndMime('现场.JPEG', 'jpeg')).toEqual({ filename: '现场.JPEG', mimeType: 'image/jpeg' });
    expect(nameAndMime('进度.doc', 'docx')).toEqual({
      filename: '进度.doc',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    expect(nameAndMime('台账.et', 'xls')).toEqual({ filename: '台账.et', mimeType: 'application/kset' });
    expect(nameAndMime('汇报.dps', 'ppt')).toEqual({ filename: '汇报.dps', mimeType: 'application/ksdps' });
    expect(nameAndMime('照片', 'jpeg')).toEqual({ filename: '照片.jpg', mimeType: 'image/jpeg' });
    expect(nameAndMime('照片.exe', 'jpeg')).toEqual({ filename: '照片.exe.jpg', mimeType: 'image/jpeg' });
    expect(() => nameAndMime('报告.pdf', 'jpeg')).toThrow(/\.pdf 与内容不符/);
    expect(() => nameAndMime('表格.xlsx', 'doc')).toThrow(RefusedType);
  });
});
