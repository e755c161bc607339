import { refuse } from '../../core/http/messages';

const MAX_NAME_LENGTH = 200;
/** C0/C1 controls, DEL, and the bidirectional overrides that make "photo\u202Egpj.exe" look like "photoexe.jpg". */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * The name a file keeps for display and download: the last path segment (a browser may send
 * "C:\\fakepath\\照片.jpg"), without control characters, NFC, at most 200 characters (the extension kept).
 * A name that climbs out of its folder ("../", "..\\") is refused outright.
 */
export function cleanFileName(raw: string | undefined | null): string {
  const name = (raw ?? '').normalize('NFC');
  const segments = name.split(/[\\/]+/);
  if (segments.some((s) => s.trim() === '..')) throw refuse(400, 'evidence.pathInName');
  let base = (segments[segments.length - 1] ?? '')
    .replace(CONTROL, '')
    .replace(/[:*?"<>|]/g, '_')
    .trim();
  base = base
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '')
    .trim();
  if (base.length === 0) base = '未命名';
  if ([...base].length > MAX_NAME_LENGTH) {
    const chars = [...base];
    const dot = base.lastIndexOf('.');
    const ext = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
    base = chars.slice(0, MAX_NAME_LENGTH - [...ext].length).join('') + ext;
  }
  return base;
}

/** `attachment; filename="ascii fallback"; filename*=UTF-8''…` (RFC 6266 / RFC 5987). */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
