import exifr from 'exifr';
import type { GpsPosition } from './evidence.entity';

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

/** When and where a photo was taken, from its EXIF data; nulls when it does not say (or says nonsense). */
export async function readPhotoFacts(head: Buffer): Promise<PhotoFacts> {
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
