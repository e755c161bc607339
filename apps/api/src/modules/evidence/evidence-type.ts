import FileType from 'file-type';
import { LocalizedException, type MessageKey, type MessageParams } from '../../core/http/messages';
import { compoundDirectory, ContainerError, zipEntryNames, type RangeReader } from './containers';

/**
 * What evidence may be (CONTRACT.md "Evidence"), decided from the content, never from the name:
 * JPEG, PNG, WebP, HEIC, PDF, OFD, the Office and WPS formats (OLE2 and OOXML), MP4.
 */
export const EVIDENCE_FORMATS = ['jpeg', 'png', 'webp', 'heic', 'pdf', 'mp4', 'ofd', 'docx', 'xlsx', 'pptx', 'doc', 'xls', 'ppt'] as const;
export type EvidenceFormat = (typeof EVIDENCE_FORMATS)[number];

/** How many leading bytes the first decision looks at (held back until it is made). */
export const SNIFF_BYTES = 64 * 1024;

/** A format is refused (415) with a message that says what the file is. */
export class RefusedType extends LocalizedException {
  constructor(key: MessageKey, params?: MessageParams) {
    super(415, [{ key, params }]);
  }
}

/** The first look: a final format, or a container whose directory decides once the whole file is in. */
export type Sniffed = { format: EvidenceFormat } | { container: 'zip' | 'cfb' };

const DIRECT: Record<string, EvidenceFormat> = {
  jpg: 'jpeg',
  png: 'png',
  webp: 'webp',
  heic: 'heic',
  pdf: 'pdf',
  ai: 'pdf', // an Illustrator file is a PDF with private data
  mp4: 'mp4',
  m4v: 'mp4',
};

const DESCRIBED: Record<string, string> = {
  exe: 'Windows 可执行程序',
  elf: 'Linux 可执行程序',
  mach: 'macOS 可执行程序',
  msi: '安装程序',
  mov: 'QuickTime 视频（请转为 MP4）',
  gif: 'GIF 动图',
  zip: 'ZIP 压缩包',
  rar: 'RAR 压缩包',
  '7z': '7z 压缩包',
  html: '网页',
  xml: 'XML',
};

export async function sniffType(head: Buffer): Promise<Sniffed> {
  // file-type reads only what `head` holds; a structure cut short inside it throws instead of answering.
  const found = await FileType.fromBuffer(head).catch(() => undefined);
  if (!found) throw new RefusedType('evidence.unknownType');
  const direct = DIRECT[found.ext];
  if (direct) return { format: direct };
  if (found.ext === 'zip' || found.ext === 'docx' || found.ext === 'xlsx' || found.ext === 'pptx') return { container: 'zip' };
  if (found.ext === 'cfb') return { container: 'cfb' };
  throw new RefusedType('evidence.refusedType', { what: DESCRIBED[found.ext] ?? found.ext.toUpperCase() });
}

/** CLSIDs of Windows Installer databases, patches and transforms: compound files that are not documents. */
const INSTALLER_CLSIDS = [
  '000C1084-0000-0000-C000-000000000046',
  '000C1086-0000-0000-C000-000000000046',
  '000C1082-0000-0000-C000-000000000046',
];
const MACRO_STORAGES = ['Macros', '_VBA_PROJECT_CUR', '_VBA_PROJECT', 'VBA'];

/** The container's directory decides: OOXML or OFD among ZIPs, Word/Excel/PowerPoint (and WPS) among compound files. */
export async function confirmContainer(container: 'zip' | 'cfb', read: RangeReader, size: number): Promise<EvidenceFormat> {
  try {
    if (container === 'zip') {
      const names = await zipEntryNames(read, size);
      if (names.includes('OFD.xml')) return 'ofd';
      if (names.includes('[Content_Types].xml')) {
        if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) throw new RefusedType('evidence.macro');
        if (names.some((n) => n.startsWith('word/'))) return 'docx';
        if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
        if (names.some((n) => n.startsWith('ppt/'))) return 'pptx';
      }
      throw new RefusedType('evidence.zip');
    }
    const dir = await compoundDirectory(read, size);
    if (INSTALLER_CLSIDS.includes(dir.rootClsid)) throw new RefusedType('evidence.installer');
    if (dir.names.some((n) => MACRO_STORAGES.includes(n))) throw new RefusedType('evidence.macro');
    if (dir.names.includes('WordDocument')) return 'doc';
    if (dir.names.includes('Workbook') || dir.names.includes('Book')) return 'xls';
    if (dir.names.includes('PowerPoint Document')) return 'ppt';
    throw new RefusedType('evidence.compound');
  } catch (err) {
    if (err instanceof ContainerError) throw new RefusedType('evidence.broken', { detail: err.message });
    throw err;
  }
}

interface FormatInfo {
  /** The extension a name gets when it has none of the family's. */
  ext: string;
  mime: string;
  /** Extensions that name this kind of file (a .doc may hold a .docx: both are Word). */
  family: string[];
  /** MIME types by extension, where a family member has its own (WPS). */
  mimeByExt?: Record<string, string>;
  photo?: boolean;
}

const WORD = ['doc', 'docx', 'dot', 'dotx', 'wps', 'wpt'];
const SHEET = ['xls', 'xlsx', 'xlt', 'xltx', 'et', 'ett'];
const SLIDES = ['ppt', 'pptx', 'pps', 'ppsx', 'pot', 'potx', 'dps', 'dpt'];
const WPS_MIMES = {
  wps: 'application/kswps',
  wpt: 'application/kswps',
  et: 'application/kset',
  ett: 'application/kset',
  dps: 'application/ksdps',
  dpt: 'application/ksdps',
};

export const FORMATS: Record<EvidenceFormat, FormatInfo> = {
  jpeg: { ext: 'jpg', mime: 'image/jpeg', family: ['jpg', 'jpeg', 'jpe', 'jfif'], photo: true },
  png: { ext: 'png', mime: 'image/png', family: ['png'], photo: true },
  webp: { ext: 'webp', mime: 'image/webp', family: ['webp'], photo: true },
  heic: { ext: 'heic', mime: 'image/heic', family: ['heic', 'heif', 'hif'], photo: true },
  pdf: { ext: 'pdf', mime: 'application/pdf', family: ['pdf'] },
  mp4: { ext: 'mp4', mime: 'video/mp4', family: ['mp4', 'm4v'] },
  ofd: { ext: 'ofd', mime: 'application/ofd', family: ['ofd'] },
  docx: {
    ext: 'docx',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    family: WORD,
    mimeByExt: WPS_MIMES,
  },
  xlsx: { ext: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', family: SHEET, mimeByExt: WPS_MIMES },
  pptx: {
    ext: 'pptx',
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    family: SLIDES,
    mimeByExt: WPS_MIMES,
  },
  doc: { ext: 'doc', mime: 'application/msword', family: WORD, mimeByExt: WPS_MIMES },
  xls: { ext: 'xls', mime: 'application/vnd.ms-excel', family: SHEET, mimeByExt: WPS_MIMES },
  ppt: { ext: 'ppt', mime: 'application/vnd.ms-powerpoint', family: SLIDES, mimeByExt: WPS_MIMES },
};

const KNOWN_EXTS = new Set(Object.values(FORMATS).flatMap((f) => f.family));

export function isPhoto(format: EvidenceFormat): boolean {
  return FORMATS[format].photo === true;
}

/**
 * The name the file keeps and the MIME type it is served with. A name whose extension belongs to
 * another accepted kind is mislabelled (415: "报告.pdf" that is a JPEG); an unknown or missing extension
 * gets the right one appended ("照片.exe" holding a JPEG becomes "照片.exe.jpg"), so the OS opens it as what it is.
 */
export function nameAndMime(name: string, format: EvidenceFormat): { filename: string; mimeType: string } {
  const info = FORMATS[format];
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (info.family.includes(ext)) return { filename: name, mimeType: info.mimeByExt?.[ext] ?? info.mime };
  if (KNOWN_EXTS.has(ext)) throw new RefusedType('evidence.extensionMismatch', { ext, actual: info.ext.toUpperCase() });
  return { filename: `${name}.${info.ext}`, mimeType: info.mime };
}
