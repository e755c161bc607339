import exifr from 'exifr';
import type { GpsPosition } from './evidence.entity';

/** EXIF lives near the start of a photo; this much of it is read to find the capture time and place. */
export const EXIF_HEAD_BYTES = 1024 * 1024;

export interface PhotoFacts {
  capturedAt: Date | null;
  gps: GpsPosition | null;
}

/** A camera's local time carries no zone unless OffsetTimeOriginal says one; ours are in Asia/Shanghai. */
const DEFAULT_OFFSET = '+08:00';
const EXIF_DATE = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;
const OFFSET = /^[+-](0\d|1[0-4]):[0-5]\d$/;

export function exifInstant(dateTime: unknown, offset: unknown): Date | null {
  if (typeof dateTime !== 'string') return null;
  const m = EXIF_DATE.exec(dateTime.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(wall);
  // A date the calendar does not have (2024:02:30, 25:00) rolls over: refuse it rather than move it.
  if (
    y < 1990 ||
    back.getUTCFullYear() !== y ||
    back.getUTCMonth() !== mo - 1 ||
    back.getUTCDate() !== d ||
    back.getUTCHours() !== h ||
    back.getUTCMinutes() !== mi
  ) {
    return null;
  }
  const zone = typeof offset === 'string' && OFFSET.test(offset.trim()) ? offset.trim() : DEFAULT_OFFSET;
  const minutes = (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return new Date(wall - minutes * 60_000);
}

export function gpsPosition(lat: unknown, lng: unknown): GpsPosition | null {
  if (typeof lat !== 'number' || typeof lng !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lng)) return null;
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180 || (lat === 0 && lng === 0)) return null;
  return { lat: Math.round(lat * 1e7) / 1e7, lng: Math.round(lng * 1e7) / 1e7 };
}

/** Bytes per value of each TIFF field type (1 BYTE … 13 IFD); 0 for types that do not exist. */
const TIFF_TYPE_BYTES = [0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4];

/**
 * exifr's TIFF reader allocates a typed array of whatever count a tag claims before reading its values, so a
 * crafted count (2^28 doubles) costs gigabytes. This registered subclass refuses a value larger than the EXIF
 * data that holds it; exifr then gives up on the photo's tags and the photo simply has no capture facts.
 */
const ExifrTiff = exifr.segmentParsers.get('tiff') as new (...args: unknown[]) => {
  chunk: { byteLength: number; getUint16(at: number): number; getUint32(at: number): number };
  parseTag(offset: number, tag: number, blockKey: string): unknown;
};
class BoundedTiff extends ExifrTiff {
  override parseTag(offset: number, tag: number, blockKey: string): unknown {
    const bytes = (TIFF_TYPE_BYTES[this.chunk.getUint16(offset + 2)] ?? 0) * this.chunk.getUint32(offset + 4);
    if (bytes > this.chunk.byteLength) throw new Error(`EXIF tag ${tag} claims ${bytes} bytes, more than the EXIF data holds`);
    return super.parseTag(offset, tag, blockKey);
  }
}
exifr.segmentParsers.set('tiff', BoundedTiff);

/**
 * exifr walks an ISO-BMFF file's (HEIC's) top-level boxes to `meta` trusting every length, and a box of length 0
 * would keep it there for ever. True when the walk reaches `meta` inside `head` with every box moving it on.
 */
function boxesReachMeta(head: Buffer): boolean {
  let at = 0;
  while (at + 8 <= head.length) {
    if (head.toString('latin1', at + 4, at + 8) === 'meta') return true;
    let length = head.readUInt32BE(at);
    if (length === 1 && at + 16 <= head.length) length = Number(head.readBigUInt64BE(at + 8));
    if (length < 8) return false;
    at += length;
  }
  return false;
}

/** When and where a photo was taken, from its EXIF data; nulls when it does not say (or says nonsense). */
export async function readPhotoFacts(head: Buffer): Promise<PhotoFacts> {
  if (head.toString('latin1', 4, 8) === 'ftyp' && !boxesReachMeta(head)) return { capturedAt: null, gps: null };
  try {
    const tags = (await exifr.parse(head, {
      tiff: true,
      exif: true,
      gps: true,
      ifd1: false,
      interop: false,
      xmp: false,
      icc: false,
      iptc: false,
      jfif: false,
      ihdr: false,
      makerNote: false,
      userComment: false,
      reviveValues: false,
      translateValues: false,
    })) as Record<string, unknown> | undefined;
    if (!tags) return { capturedAt: null, gps: null };
    return {
      capturedAt: exifInstant(tags.DateTimeOriginal ?? tags.CreateDate, tags.OffsetTimeOriginal ?? tags.OffsetTime),
      gps: gpsPosition(tags.latitude, tags.longitude),
    };
  } catch {
    return { capturedAt: null, gps: null };
  }
}
