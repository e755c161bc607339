import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compoundFile, docx, isoMedia, jpeg, ofd, pdf, png, webp, zip } from '../../../../../tests/fixtures/evidence/builders';
import { confirmContainer, EVIDENCE_FORMATS, isPhoto, RefusedType, SNIFF_BYTES, sniffType, type EvidenceFormat } from './evidence-type';
import { EXIF_HEAD_BYTES, readPhotoFacts } from './photo-facts';

/**
 * Every parser an upload goes through (the first-bytes sniff, the ZIP and compound-file directories, EXIF),
 * fed truncated, looping and random containers. Each must end in a format or a RefusedType (a 415) and stay
 * within memory bounded by nothing the file can claim.
 */

/** Reads like the storage does: a fresh copy of the requested range, shorter at the end of the file. */
const fileReader = (file: Buffer) => async (offset: number, length: number) =>
  Buffer.from(file.subarray(offset, Math.min(file.length, offset + Math.max(0, length))));

/** The upload's decision, in the service's order: sniff the head, confirm a container, read a photo's EXIF. */
async function decide(file: Buffer): Promise<EvidenceFormat | 'refused'> {
  try {
    const sniffed = await sniffType(file.subarray(0, SNIFF_BYTES));
    const format = 'format' in sniffed ? sniffed.format : await confirmContainer(sniffed.container, fileReader(file), file.length);
    if (isPhoto(format)) await readPhotoFacts(file.subarray(0, EXIF_HEAD_BYTES));
    return format;
  } catch (err) {
    if (err instanceof RefusedType) return 'refused';
    throw err;
  }
}

/** Peak resident memory of this process (monotonic), in MB. */
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
const MEMORY_BOUND_MB = 64;

const FREESECT = 0xffffffff;
const ENDOFCHAIN = 0xfffffffe;

/** A compound-file header (version 4: 4096-byte sectors when shift is 12) with the given chain starts and FAT list. */
function cfbHeader(opts: { shift: 9 | 12; dirStart: number; difatStart: number; fat: number[] }): Buffer {
  const sector = 1 << opts.shift;
  const header = Buffer.alloc(sector);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(opts.shift === 12 ? 4 : 3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(opts.shift, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(opts.fat.length, 0x2c);
  header.writeUInt32LE(opts.dirStart, 0x30);
  header.writeUInt32LE(ENDOFCHAIN, 0x3c);
  header.writeUInt32LE(opts.difatStart, 0x44);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(opts.fat[i] ?? FREESECT, 0x4c + i * 4);
  return header;
}

/** A sector whose 32-bit entries are all `value` (a FAT that chains every sector to one, a DIFAT that points back). */
const sectorOf = (size: number, value: number) => {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i += 4) b.writeUInt32LE(value >>> 0, i);
  return b;
};

const VALID: Record<string, () => Buffer> = {
  doc: () => compoundFile('WordDocument', { before: ['A', 'B', 'C', 'D', 'E'] }),
  xls: () => compoundFile('Workbook'),
  docx: () => docx(),
  ofd: () => ofd(),
  jpeg: () => jpeg({ exif: { dateTimeOriginal: '2024:05:28 10:21:33', lat: 27.815, lng: 114.39 } }),
  png: () => png(),
  webp: () => webp(),
  heic: () => isoMedia('heic'),
  mp4: () => isoMedia('isom'),
  pdf: () => pdf(),
};

const OUTCOMES: string[] = [...EVIDENCE_FORMATS, 'refused'];

describe('upload parsers under hostile input', () => {
  it('should refuse (415), not crash, on a compound file whose DIFAT chain loops onto itself, in 512- and 4096-byte sectors', async () => {
    const start = peakRssMb();
    for (const shift of [9, 12] as const) {
      const sector = 1 << shift;
      // Sector 0 is a DIFAT sector listing FAT sector 1 everywhere, and its "next" pointer is itself.
      const difat = sectorOf(sector, 1);
      difat.writeUInt32LE(0, sector - 4);
      const file = Buffer.concat([
        cfbHeader({ shift, dirStart: 2, difatStart: 0, fat: [1] }),
        difat,
        sectorOf(sector, ENDOFCHAIN),
        Buffer.alloc(sector),
      ]);
      expect(await decide(file)).toBe('refused');
    }
    expect(peakRssMb() - start).toBeLessThan(MEMORY_BOUND_MB);
  });

  it('should refuse (415) a compound file whose directory chain loops, or whose FAT lists sectors beyond the file', async () => {
    const sector = 512;
    // The FAT chains every sector to sector 1: the directory chain 1 → 1 → 1 … loops.
    const looping = Buffer.concat([
      cfbHeader({ shift: 9, dirStart: 1, difatStart: ENDOFCHAIN, fat: [0] }),
      sectorOf(sector, 1),
      Buffer.alloc(sector),
    ]);
    expect(await decide(looping)).toBe('refused');
    // A FAT of 109 sectors, each far beyond the end of a 1.5 KB file.
    const far = Array.from({ length: 109 }, (_, i) => 0x00ffff00 + i);
    const beyond = Buffer.concat([cfbHeader({ shift: 9, dirStart: 1, difatStart: ENDOFCHAIN, fat: far }), Buffer.alloc(sector * 2)]);
    expect(await decide(beyond)).toBe('refused');
  });

  it('should finish reading a HEIC whose box claims length 0 (exifr alone would walk to it for ever) and find no capture facts', async () => {
    const heic = isoMedia('heic');
    heic.writeUInt32BE(0, 24); // the mdat after ftyp
    expect(await decide(heic)).toBe('heic');
    expect(await readPhotoFacts(heic)).toEqual({ capturedAt: null, gps: null });
  });

  it('should answer every truncation of a valid file with a format or a refusal (415), and refuse every cut-short ZIP', async () => {
    for (const [kind, build] of Object.entries(VALID)) {
      const file = build();
      for (let cut = 0; cut < file.length; cut += Math.max(1, Math.floor(file.length / 97))) {
        const outcome = await decide(file.subarray(0, cut)).catch((err: unknown) => {
          throw new Error(`${kind} cut at ${cut} of ${file.length}: ${String(err)}`);
        });
        expect(OUTCOMES).toContain(outcome);
        // A ZIP's directory is at its end: any cut loses it.
        if (kind === 'docx' || kind === 'ofd') expect(outcome, `${kind} cut at ${cut}`).toBe('refused');
      }
    }
  });

  it('should answer a format or a refusal, within bounded memory, for random mutations of every accepted kind', async () => {
    const start = peakRssMb();
    const kinds = Object.keys(VALID);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...kinds),
        fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 24 }),
        fc.array(fc.record({ at: fc.nat(), word: fc.constantFrom(0, 1, 2, 0xffffffff, 0xfffffffe, 0x7fffffff, 0x10000) }), {
          maxLength: 6,
        }),
        fc.option(fc.nat(), { nil: undefined }),
        async (kind, bytes, words, cut) => {
          const file = Buffer.from(VALID[kind]());
          for (const { at, byte } of bytes) file[at % file.length] = byte;
          for (const { at, word } of words) {
            const where = (at % Math.max(1, file.length - 4)) & ~3;
            file.writeUInt32LE(word >>> 0, where);
          }
          const input = cut === undefined ? file : file.subarray(0, cut % (file.length + 1));
          expect(OUTCOMES).toContain(await decide(input));
        },
      ),
      { numRuns: 600, seed: 20261202 },
    );
    expect(peakRssMb() - start).toBeLessThan(MEMORY_BOUND_MB);
  });

  it('should refuse random compound-file and ZIP structures (random chain starts, FAT lists, directory fields) within bounded memory', async () => {
    const start = peakRssMb();
    const sectorValue = fc.oneof(fc.constantFrom(0, 1, 2, 3, FREESECT, ENDOFCHAIN, 0xfffffffd), fc.nat({ max: 64 }), fc.nat());
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(9 as const, 12 as const),
        sectorValue,
        sectorValue,
        fc.array(sectorValue, { maxLength: 109 }),
        fc.array(fc.array(sectorValue, { minLength: 1, maxLength: 4 }), { maxLength: 6 }),
        async (shift, dirStart, difatStart, fat, sectors) => {
          const sector = 1 << shift;
          const body = sectors.map((values) => {
            const b = Buffer.alloc(sector);
            for (let i = 0; i < sector; i += 4) b.writeUInt32LE(values[(i / 4) % values.length] >>> 0, i);
            return b;
          });
          const file = Buffer.concat([cfbHeader({ shift, dirStart, difatStart, fat }), ...body]);
          expect(await decide(file)).toBe('refused');
        },
      ),
      { numRuns: 400, seed: 20261203 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          entries: fc.integer({ min: 0, max: 0xffff }),
          cdSize: fc.oneof(fc.nat(), fc.constant(0xffffffff)),
          cdOffset: fc.oneof(fc.nat(), fc.constant(0xffffffff)),
          zip64At: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
          zip64Size: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
          padding: fc.nat({ max: 4096 }),
        }),
        async ({ entries, cdSize, cdOffset, zip64At, zip64Size, padding }) => {
          const real = zip([{ name: 'word/document.xml', data: '<w:document/>' }]);
          const locator = Buffer.alloc(20);
          locator.writeUInt32LE(0x07064b50, 0);
          locator.writeBigUInt64LE(zip64At, 8);
          const record = Buffer.alloc(56);
          record.writeUInt32LE(0x06064b50, 0);
          record.writeBigUInt64LE(zip64Size, 40);
          record.writeBigUInt64LE(zip64At, 48);
          const eocd = Buffer.alloc(22);
          eocd.writeUInt32LE(0x06054b50, 0);
          eocd.writeUInt16LE(entries, 10);
          eocd.writeUInt32LE(cdSize >>> 0, 12);
          eocd.writeUInt32LE(cdOffset >>> 0, 16);
          const file = Buffer.concat([real.subarray(0, real.length - 22), Buffer.alloc(padding), record, locator, eocd]);
          expect(await decide(file)).toBe('refused');
        },
      ),
      { numRuns: 300, seed: 20261204 },
    );
    expect(peakRssMb() - start).toBeLessThan(MEMORY_BOUND_MB);
  });

  it('should read no capture facts, and not fail, from photos with random EXIF directories (huge counts, looping offsets)', async () => {
    const start = peakRssMb();
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            tag: fc.integer({ min: 0, max: 0xffff }),
            type: fc.integer({ min: 0, max: 13 }),
            count: fc.oneof(fc.nat(), fc.constantFrom(0xffffffff, 0x00800000, 0x02000000, 0x04000000)),
            value: fc.oneof(fc.nat(), fc.constant(8), fc.constant(0xffffffff)),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        fc.oneof(fc.constant(8), fc.nat()),
        async (entries, next) => {
          const tiff = Buffer.alloc(8 + 2 + entries.length * 12 + 4);
          tiff.write('MM\0*', 0, 'latin1');
          tiff.writeUInt32BE(8, 4);
          tiff.writeUInt16BE(entries.length, 8);
          entries.forEach((e, i) => {
            const at = 10 + i * 12;
            tiff.writeUInt16BE(e.tag, at);
            tiff.writeUInt16BE(e.type, at + 2);
            tiff.writeUInt32BE(e.count >>> 0, at + 4);
            tiff.writeUInt32BE(e.value >>> 0, at + 8);
          });
          tiff.writeUInt32BE(next >>> 0, 10 + entries.length * 12);
          const app1 = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
          const head = Buffer.from([0xff, 0xd8, 0xff, 0xe1, (app1.length + 2) >> 8, (app1.length + 2) & 0xff]);
          const facts = await readPhotoFacts(Buffer.concat([head, app1, jpeg().subarray(2)]));
          expect(facts.capturedAt === null || facts.capturedAt instanceof Date).toBe(true);
        },
      ),
      { numRuns: 300, seed: 20261205 },
    );
    expect(peakRssMb() - start).toBeLessThan(MEMORY_BOUND_MB);
  });
});
