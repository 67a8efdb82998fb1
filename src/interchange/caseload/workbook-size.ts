// An Excel workbook's size checked before it is opened. An .xlsx file is a zip archive, and a
// small one can unpack to gigabytes (a "zip bomb"), so the archive's directory is read first,
// without unpacking anything: a workbook that says it unpacks to more than the limit, or a part
// that says it packs far tighter than real sheets do, is refused at once. The directory is only
// what the file says, so the parts are then unpacked once, in a stream, counted and thrown away,
// the way the workbook reader will meet them: a part that unpacks to more than it said, or a total
// past the limit, is refused there, before anything is parsed or kept.
import { Readable } from 'node:stream';
import { MAX_PART_RATIO, MAX_WORKBOOK_UNPACKED_BYTES, RATIO_CHECKED_FROM_BYTES } from './limits.ts';

export type WorkbookSize = { ok: true } | { ok: false; message: string };

export const NOT_A_WORKBOOK = 'the file cannot be read as an Excel workbook (.xlsx); save it again from Excel, or as CSV (UTF-8)';

const megabytes = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024)).toLocaleString('en-GB')} MB`;

const tooLarge = (unpacked: number): WorkbookSize => ({
  ok: false,
  message: `the workbook unpacks to ${megabytes(unpacked)}, more than the ${megabytes(MAX_WORKBOOK_UNPACKED_BYTES)} a workbook may; keep only the sheet of cases, or save it as CSV (UTF-8)`,
});

const damaged = (part: string): WorkbookSize => ({
  ok: false,
  message: `the workbook is damaged: its part ${part} unpacks to more than the file says; save it again from Excel, or as CSV (UTF-8)`,
});

/** The sizes the archive's directory declares, checked without unpacking. */
export async function declaredWorkbookSize(bytes: Buffer): Promise<WorkbookSize & { declared?: Map<string, number> }> {
  const { default: unzipper } = await import('unzipper'); // loaded on the first workbook, not at start
  let files;
  try {
    ({ files } = await unzipper.Open.buffer(bytes));
  } catch {
    return { ok: false, message: NOT_A_WORKBOOK };
  }
  let total = 0;
  const declared = new Map<string, number>();
  for (const f of files) {
    total += f.uncompressedSize;
    declared.set(f.path, (declared.get(f.path) ?? 0) + f.uncompressedSize);
    if (f.uncompressedSize > RATIO_CHECKED_FROM_BYTES && f.uncompressedSize > MAX_PART_RATIO * f.compressedSize)
      return {
        ok: false,
        message: `the workbook's part ${f.path} unpacks to ${Math.round(f.uncompressedSize / Math.max(1, f.compressedSize)).toLocaleString('en-GB')} times its packed size (${megabytes(f.uncompressedSize)}), which real workbooks never do; save it again from Excel, or as CSV (UTF-8)`,
      };
  }
  return total > MAX_WORKBOOK_UNPACKED_BYTES ? tooLarge(total) : { ok: true, declared };
}

/** Unpacks every part in a stream, counting: refuses the first past its declared size or the limit. */
async function unpackedWorkbookSize(bytes: Buffer, declared: Map<string, number>): Promise<WorkbookSize> {
  const { default: unzipper } = await import('unzipper');
  const archive = Readable.from([bytes]).pipe(unzipper.Parse({ forceStream: true }));
  const failed = new Promise<WorkbookSize>((resolve) => archive.once('error', () => resolve({ ok: false, message: NOT_A_WORKBOOK })));
  const count = async (): Promise<WorkbookSize> => {
    let total = 0;
    const seen = new Map<string, number>();
    for await (const entry of archive) {
      let size = seen.get(entry.path) ?? 0;
      for await (const chunk of entry as AsyncIterable<Buffer>) {
        size += chunk.length;
        total += chunk.length;
        if (size > (declared.get(entry.path) ?? 0)) return damaged(entry.path);
        if (total > MAX_WORKBOOK_UNPACKED_BYTES) return tooLarge(total);
      }
      seen.set(entry.path, size);
    }
    return { ok: true };
  };
  try {
    return await Promise.race([count(), failed]);
  } catch {
    return { ok: false, message: NOT_A_WORKBOOK };
  } finally {
    archive.destroy();
  }
}

/** Whether the workbook may be opened: its declared sizes first, then its real ones. */
export async function checkWorkbookSize(bytes: Uint8Array): Promise<WorkbookSize> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared = await declaredWorkbookSize(buffer);
  if (!declared.ok || !declared.declared) return declared;
  return unpackedWorkbookSize(buffer, declared.declared);
}
