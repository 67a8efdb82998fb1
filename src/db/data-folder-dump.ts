// A data folder dump (PGlite's dumpDataDir: a tar of the folder, gzipped or not) unpacked into a
// folder on disk before PGlite opens it: the build's first-start dump on an empty folder, a backup
// being restored. PGlite's own loader (PGlite.create's loadDataDir) gives the same folders and files
// with the same bytes and modification times (its files 0666 where these take the umask's 0644),
// but reads the dump back from its Blob (slow on Node 20), untars it in JavaScript and writes each
// file through its emulated file system, looking up every folder on the file's path first. A first
// open from the ~45 MB first-start dump: ~1.2 s of CPU that way, ~0.7 s this way (median of 5).
import { existsSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * A dump read into memory, as a Blob (what PGlite's loadDataDir takes), that hands its bytes over
 * as they are: Node 20's Blob.arrayBuffer() reads a large Blob back slowly (~0.5 s of CPU for the
 * ~45 MB first-start dump), where unpacking it all takes ~0.1 s.
 */
export class DataFolderDump extends Blob {
  readonly contents: Uint8Array;
  constructor(bytes: Uint8Array) {
    super([bytes as Uint8Array<ArrayBuffer>]);
    this.contents = bytes;
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(new Uint8Array(this.contents).buffer);
  }
}

/** The bytes of a dump given as a Blob: a DataFolderDump's as they are, another's read back. */
export const dumpBytes = async (dump: Blob): Promise<Uint8Array> => (dump instanceof DataFolderDump ? dump.contents : new Uint8Array(await dump.arrayBuffer()));

/** One entry of a dump: a path inside the data folder (no leading slash), a folder or a file's bytes. */
export interface DumpEntry {
  path: string;
  dir: boolean;
  /** Modification time, seconds since the epoch. */
  mtime: number;
  /** The file's bytes (a view into the archive); empty for a folder. */
  data: Uint8Array;
}

const field = (block: Uint8Array, offset: number, length: number) => {
  const bytes = block.subarray(offset, offset + length);
  const end = bytes.indexOf(0);
  return Buffer.from(end < 0 ? bytes : bytes.subarray(0, end)).toString('utf8');
};
const octal = (block: Uint8Array, offset: number, length: number) => parseInt(field(block, offset, length).trim() || '0', 8);

/**
 * The entries of a tar archive as PGlite's dumpDataDir writes it (ustar, regular files and folders
 * only), each header's checksum checked: anything else is not a dump, and throws.
 */
export function readDumpTar(tar: Uint8Array): DumpEntry[] {
  const entries: DumpEntry[] = [];
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) return entries; // the end-of-archive blocks
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!; // the checksum field counts as spaces
    if (octal(header, 148, 8) !== sum) throw new Error('not a data folder dump: a tar header is corrupted');
    const prefix = field(header, 345, 155);
    const path = (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100)).replace(/^\/+|\/+$/g, '');
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156]!);
    if (type !== '0' && type !== '\0' && type !== '5') throw new Error(`not a data folder dump: ${path} is of tar type ${JSON.stringify(type)}`);
    if (path.split('/').some((part) => part === '..')) throw new Error(`not a data folder dump: ${path} is outside the folder`);
    if (at + 512 + size > tar.length) throw new Error('not a data folder dump: it ends part-way through');
    if (path) entries.push({ path, dir: type === '5', mtime: octal(header, 136, 12), data: type === '5' ? new Uint8Array(0) : tar.subarray(at + 512, at + 512 + size) });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  // No end-of-archive blocks: cut short (the files after would be missing), or not a tar at all.
  throw new Error(entries.length ? 'not a data folder dump: it ends part-way through' : 'not a data folder dump: not a tar archive');
}

/** A gzipped dump unpacked; one cut short or damaged is said to be so. */
function gunzip(dump: Uint8Array): Uint8Array {
  try {
    return gunzipSync(dump);
  } catch (error) {
    throw new Error(`not a data folder dump: its compressed bytes are cut short or damaged (${(error as Error).message})`, { cause: error });
  }
}

/**
 * Writes the dump's folders and files into `folder`, which must hold no database (PG_VERSION); on
 * failure nothing it wrote stays. The dump may be gzipped (a backup) or not (the first-start dump).
 */
export function unpackDataFolderDump(dump: Uint8Array, folder: string): void {
  if (existsSync(join(folder, 'PG_VERSION'))) throw new Error('Database already exists, cannot load from tarball'); // PGlite's words
  const tar = dump[0] === 0x1f && dump[1] === 0x8b ? gunzip(dump) : dump;
  const entries = readDumpTar(tar);
  if (!entries.some((e) => e.path === 'PG_VERSION' && !e.dir)) throw new Error('not a data folder dump: it has no PG_VERSION');
  mkdirSync(folder, { recursive: true });
  const before = new Set(readdirSync(folder));
  try {
    const made = new Set<string>();
    const parentOf = (path: string) => {
      const slash = path.lastIndexOf('/');
      if (slash < 0) return;
      const parent = path.slice(0, slash);
      if (!made.has(parent)) mkdirSync(join(folder, parent), { recursive: true });
      made.add(parent);
    };
    for (const entry of entries) {
      parentOf(entry.path);
      const target = join(folder, entry.path);
      if (entry.dir) {
        if (!made.has(entry.path)) mkdirSync(target, { recursive: true });
        made.add(entry.path);
        continue;
      }
      writeFileSync(target, entry.data);
      utimesSync(target, entry.mtime, entry.mtime);
    }
  } catch (error) {
    for (const name of readdirSync(folder)) if (!before.has(name)) rmSync(join(folder, name), { recursive: true, force: true });
    throw error;
  }
}
