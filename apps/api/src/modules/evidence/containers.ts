/**
 * Just enough of the ZIP and OLE2 (compound file) layouts to list what a container holds, so that
 * an OOXML/OFD/Office file is told apart from any other ZIP or compound file (an .msi, a .jar…)
 * before it is accepted. Reads through `read(offset, length)`, never the whole file.
 */

export type RangeReader = (offset: number, length: number) => Promise<Buffer>;

export class ContainerError extends Error {}

const MAX_DIRECTORY_BYTES = 16 * 1024 * 1024;

/** Entry names from a ZIP's central directory (ZIP64 included). */
export async function zipEntryNames(read: RangeReader, size: number): Promise<string[]> {
  if (size < 22) throw new ContainerError('ZIP 文件被截断');
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await read(size - tailLength, tailLength);
  if (tail.length < tailLength) throw new ContainerError('ZIP 文件被截断');
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ContainerError('ZIP 文件缺少中央目录');
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  let entries = tail.readUInt16LE(eocd + 10);
  if (cdSize === 0xffffffff || cdOffset === 0xffffffff || entries === 0xffff) {
    const locatorAt = eocd - 20;
    if (locatorAt < 0 || tail.readUInt32LE(locatorAt) !== 0x07064b50) throw new ContainerError('ZIP64 目录定位记录缺失');
    const zip64At = Number(tail.readBigUInt64LE(locatorAt + 8));
    if (zip64At + 56 > size) throw new ContainerError('ZIP64 目录记录无效');
    const record = await read(zip64At, 56);
    if (record.length < 56 || record.readUInt32LE(0) !== 0x06064b50) throw new ContainerError('ZIP64 目录记录无效');
    entries = Number(record.readBigUInt64LE(32));
    cdSize = Number(record.readBigUInt64LE(40));
    cdOffset = Number(record.readBigUInt64LE(48));
  }
  if (cdSize > MAX_DIRECTORY_BYTES || cdOffset + cdSize > size) throw new ContainerError('ZIP 中央目录无效');
  const cd = await read(cdOffset, cdSize);
  if (cd.length < cdSize) throw new ContainerError('ZIP 文件被截断');
  const names: string[] = [];
  let at = 0;
  while (at + 46 <= cd.length && names.length < entries + 1) {
    if (cd.readUInt32LE(at) !== 0x02014b50) throw new ContainerError('ZIP 中央目录损坏');
    const nameLength = cd.readUInt16LE(at + 28);
    const extraLength = cd.readUInt16LE(at + 30);
    const commentLength = cd.readUInt16LE(at + 32);
    if (at + 46 + nameLength > cd.length) throw new ContainerError('ZIP 中央目录损坏');
    names.push(cd.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

const FREESECT = 0xffffffff;
const ENDOFCHAIN = 0xfffffffe;
/** Far beyond any real document's directory (4096 sectors hold 16k+ entries), so a crafted chain cannot keep us busy. */
const MAX_DIRECTORY_SECTORS = 4096;

export interface CompoundDirectory {
  /** The root entry's CLSID, as a GUID string in upper case ("" when zero). */
  rootClsid: string;
  /** Names of every storage and stream. */
  names: string[];
}

function guid(b: Buffer): string {
  if (b.every((x) => x === 0)) return '';
  const hex = (part: Buffer) => part.toString('hex').toUpperCase();
  const le = (part: Buffer) => hex(Buffer.from(part).reverse());
  return `${le(b.subarray(0, 4))}-${le(b.subarray(4, 6))}-${le(b.subarray(6, 8))}-${hex(b.subarray(8, 10))}-${hex(b.subarray(10, 16))}`;
}

/**
 * The directory of an OLE2 compound file ([MS-CFB]): follows the FAT chain of the directory stream.
 * Bounded by the file itself: every sector number must lie inside the file, no chain may visit a sector
 * twice, and the FAT is never longer than the file's sectors need, so a crafted header or a looping
 * chain costs at most a few reads of sectors that exist.
 */
export async function compoundDirectory(read: RangeReader, size: number): Promise<CompoundDirectory> {
  const header = await read(0, 512);
  if (header.length < 512 || header.toString('hex', 0, 8) !== 'd0cf11e0a1b11ae1') throw new ContainerError('不是复合文档');
  const shift = header.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) throw new ContainerError('复合文档扇区大小无效');
  const sector = 1 << shift;
  const perSector = sector / 4;
  // Sector n starts at (n + 1) * sector; a last, partial sector still counts (writers may trim it).
  const sectorCount = Math.ceil(Math.max(0, size - sector) / sector);
  const fatLength = Math.ceil(sectorCount / perSector);
  const offsetOf = (n: number) => (n + 1) * sector;
  const readSector = async (n: number, what: string): Promise<Buffer> => {
    if (n >= sectorCount) throw new ContainerError(`复合文档${what}指向文件之外`);
    const block = await read(offsetOf(n), sector);
    if (block.length < sector) throw new ContainerError('复合文档被截断');
    return block;
  };

  // The FAT's own sectors: 109 in the header, the rest along the DIFAT chain; only as many as the file needs.
  const fatSectors: number[] = [];
  const take = (s: number) => {
    if (s !== FREESECT && fatSectors.length < fatLength) fatSectors.push(s);
  };
  for (let i = 0; i < 109; i++) take(header.readUInt32LE(0x4c + i * 4));
  // Each DIFAT sector lists perSector - 1 FAT sectors: a longer chain lists more FAT than the file has sectors for.
  const difatMax = Math.ceil(fatLength / (perSector - 1)) + 1;
  const difatSeen = new Set<number>();
  for (let difat = header.readUInt32LE(0x44); difat !== ENDOFCHAIN && difat !== FREESECT && fatSectors.length < fatLength;) {
    if (difatSeen.has(difat)) throw new ContainerError('复合文档 DIFAT 链成环');
    if (difatSeen.size >= difatMax) throw new ContainerError('复合文档 DIFAT 链过长');
    difatSeen.add(difat);
    const block = await readSector(difat, ' DIFAT ');
    for (let i = 0; i < perSector - 1; i++) take(block.readUInt32LE(i * 4));
    difat = block.readUInt32LE(sector - 4);
  }
  const fatCache = new Map<number, Buffer>();
  const next = async (n: number): Promise<number> => {
    const index = Math.floor(n / perSector);
    if (index >= fatSectors.length) throw new ContainerError('复合文档 FAT 无效');
    let block = fatCache.get(index);
    if (!block) {
      block = await readSector(fatSectors[index], ' FAT ');
      fatCache.set(index, block);
    }
    return block.readUInt32LE((n % perSector) * 4);
  };

  const names: string[] = [];
  let rootClsid = '';
  const seen = new Set<number>();
  let n = header.readUInt32LE(0x30);
  while (n !== ENDOFCHAIN) {
    if (seen.has(n) || seen.size >= MAX_DIRECTORY_SECTORS) throw new ContainerError('复合文档目录链无效');
    seen.add(n);
    const block = await readSector(n, '目录');
    for (let at = 0; at + 128 <= block.length; at += 128) {
      const type = block.readUInt8(at + 0x42);
      if (type !== 1 && type !== 2 && type !== 5) continue;
      const nameLength = Math.min(64, block.readUInt16LE(at + 0x40));
      const name = block.toString('utf16le', at, at + Math.max(0, nameLength - 2));
      if (type === 5) rootClsid = guid(block.subarray(at + 0x50, at + 0x60));
      else names.push(name);
    }
    n = await next(n);
  }
  return { rootClsid, names };
}
