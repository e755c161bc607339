import { describe, expect, it } from 'vitest';
import { jpeg, png } from '../../../../../tests/fixtures/evidence/builders';
import { exifInstant, gpsPosition, readPhotoFacts } from './photo-facts';

describe('readPhotoFacts', () => {
  it('should read when and where a photo was taken, in Asia/Shanghai unless it says otherwise', async () => {
    const facts = await readPhotoFacts(jpeg({ exif: { dateTimeOriginal: '2024:05:28 10:21:33', lat: 27.815, lng: 114.39 } }));
    expect(facts.capturedAt?.toISOString()).toBe('2024-05-28T02:21:33.000Z');
    expect(facts.gps).toEqual({ lat: 27.815, lng: 114.39 });
    const utc = await readPhotoFacts(
      jpeg({ exif: { dateTimeOriginal: '2024:05:28 10:21:33', offsetTimeOriginal: '+00:00', lat: -33.8568, lng: -151.2153 } }),
    );
    expect(utc.capturedAt?.toISOString()).toBe('2024-05-28T10:21:33.000Z');
    expect(utc.gps).toEqual({ lat: -33.8568, lng: -151.2153 });
  });

  it('should say nothing for a photo without EXIF data or for something that is not a photo', async () => {
    expect(await readPhotoFacts(jpeg())).toEqual({ capturedAt: null, gps: null });
    expect(await readPhotoFacts(png())).toEqual({ capturedAt: null, gps: null });
    expect(await readPhotoFacts(Buffer.from('garbage'))).toEqual({ capturedAt: null, gps: null });
  });
});

describe('exifInstant and gpsPosition', () => {
  it('should refuse impossible dates and positions rather than guess', () => {
    expect(exifInstant('2024:02:30 10:00:00', null)).toBeNull();
    expect(exifInstant('2024:13:01 10:00:00', null)).toBeNull();
    expect(exifInstant('0000:00:00 00:00:00', null)).toBeNull();
    expect(exifInstant('yesterday', null)).toBeNull();
    expect(exifInstant('2024:02:29 23:59:59', '+08:00')?.toISOString()).toBe('2024-02-29T15:59:59.000Z');
    expect(exifInstant('2024:02:29 23:59:59', 'junk')?.toISOString()).toBe('2024-02-29T15:59:59.000Z');
    expect(gpsPosition(0, 0)).toBeNull();
    expect(gpsPosition(91, 10)).toBeNull();
    expect(gpsPosition(Number.NaN, 10)).toBeNull();
    expect(gpsPosition('27', 114)).toBeNull();
  });
});
