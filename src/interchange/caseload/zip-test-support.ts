// Hand-made zip archives for the workbook-size tests (used by *.test.ts only): any sizes the test
// wants written in the headers, and DEFLATE data of gigabytes built from one small compressed
// piece repeated, so a "zip bomb" is made in milliseconds without the memory it unpacks to.
import { deflateRawSync, constants } from 'node:zlib';

export interface ZipPart {
  name: string;
  /** The data as stored (DEFLATE-compressed, or as is when `stored`). */
  data: Buffer;
  /** The unpacked size written in the headers (true or not). */
  size: number;
  stored?: boolean;
}

/**
 * Raw DEFLATE data that unpacks to `head`, then `piece` `times` times, then `tail`: each part is
 * compressed apart and flushed to a byte boundary with a fresh dictionary (Z_FULL_FLUSH), so the
 * compressed piece can simply be repeated.
 */
export function repeatedDeflate(head: string, piece: string, times: number, tail: string): { data: Buffer; size: number } {
  const flushed = (text: string) => deflateRawSync(Buffer.from(text), { finishFlush: constants.Z_FULL_FLUSH, level: 9 });
  const one = flushed(piece);
  const data = Buffer.concat([flushed(head), ...Array.from({ length: times }, () => one), deflateRawSync(Buffer.from(tail))]);
  return { data, size: Buffer.byteLength(head) + Buffer.byteLength(piece) * times + Buffer.byteLength(tail) };
}

export const deflated = (text: string): ZipPart['data'] => deflateRawSync(Buffer.from(text));

/** A zip archive of the parts, with local headers, a central directory and its end record. */
export function zipOf(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(p.stored ? 0 : 8, 8);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(p.stored ? 0 : 8, 10);
    central.writeUInt32LE(p.data.length, 20);
    central.writeUInt32LE(p.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, p.data);
    directory.push(central, name);
    offset += local.length + name.length + p.data.length;
  }
  const size = directory.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...directory, end]);
}

const WORKBOOK = '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Caseload" sheetId="1" r:id="rId1"/></sheets></workbook>';
const RELS = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
export const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
export const SHEET_TAIL = '</sheetData></worksheet>';

/** A row of text cells as a sheet holds them (inline strings, so no shared-strings part is needed). */
export const sheetRow = (r: number, cells: string[]): string =>
  `<row r="${r}">${cells.map((t, i) => `<c r="${String.fromCharCode(65 + i)}${r}" t="inlineStr"><is><t>${t}</t></is></c>`).join('')}</row>`;

/** A workbook of one sheet whose data is given already packed. */
export const workbookWithSheet = (sheet: { data: Buffer; size: number }): Buffer =>
  zipOf([
    { name: 'xl/workbook.xml', data: deflated(WORKBOOK), size: WORKBOOK.length },
    { name: 'xl/_rels/workbook.xml.rels', data: deflated(RELS), size: RELS.length },
    { name: 'xl/worksheets/sheet1.xml', ...sheet },
  ]);
