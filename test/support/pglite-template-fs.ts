// An in-memory PGlite file system that starts out holding a data folder dump (a storage template),
// for each storage test file's fresh database. It holds what `PGlite.create({ loadDataDir })` would
// unpack (the same folders, files, bytes, modes and modification times), made cheaper: the dump is
// read and parsed once a worker, not once a file, and each file's folder is made node by node
// instead of through PGlite's loader, which looks up every folder on every file's path and copies
// each file twice: ~0.31 s -> ~0.17 s of CPU per open of the ~800-file template (median of 10).
import { readFile } from 'node:fs/promises';
import { MemoryFS } from '@electric-sql/pglite';
import { readDumpTar } from '../../src/db/data-folder-dump.ts';

/** Where PGlite keeps its data folder (PGDATA in @electric-sql/pglite's initdb.ts). */
const PGDATA = '/pglite/data';
// As PGlite's loader makes them: folders by FS.mkdir (0777), files by FS.writeFile (0666).
const DIR_MODE = 0o040777;
const FILE_MODE = 0o100666;

interface TemplateEntry {
  /** Path inside the data folder, without a leading slash. */
  path: string;
  dir: boolean;
  /** Modification time, ms. */
  mtime: number;
  size: number;
  /** The file's bytes up to its last non-zero byte (the rest, often most of a WAL segment, is zeros). */
  bytes: Uint8Array;
}

const parsed = new Map<string, Promise<TemplateEntry[]>>();

/** The dump at `path`, read and parsed once a process (the storage files share a worker). */
export function templateEntries(path: string): Promise<TemplateEntry[]> {
  let entries = parsed.get(path);
  if (!entries) {
    entries = readFile(path).then(parseTar);
    entries.catch(() => parsed.delete(path)); // a run after an edit may have cleared it: not remembered
    parsed.set(path, entries);
  }
  return entries;
}

/** A dump's entries (src/db/data-folder-dump.ts reads the tar), each file's trailing zeros left off. */
export function parseTar(tar: Uint8Array): TemplateEntry[] {
  return readDumpTar(tar).map(({ path, dir, mtime, data }) => {
    let used = data.length;
    while (used > 0 && data[used - 1] === 0) used--;
    // mtime in seconds, as PGlite's loader reads it (tinytar's untar), into the ms FS.utime takes.
    return { path, dir, mtime: mtime * 1000, size: data.length, bytes: data.slice(0, used) };
  });
}

/** PGlite's in-memory file system, with the template's data folder in place before Postgres starts. */
export class TemplateFS extends MemoryFS {
  readonly #entries: TemplateEntry[];
  constructor(entries: TemplateEntry[]) {
    super();
    this.#entries = entries;
  }

  // Called by PGlite once its FS is up and before it looks for PGDATA/PG_VERSION, which it then finds and starts on.
  override async initialSyncFs(): Promise<void> {
    await super.initialSyncFs();
    growFilesByDoubling(this.pg!.Module.MEMFS);
    const FS = this.pg!.Module.FS as any;
    FS.mkdirTree(PGDATA);
    const root = FS.lookupPath(PGDATA).node;
    const folders = new Map<string, any>([['', root]]);
    const folderOf = (path: string): any => {
      let node = folders.get(path);
      if (node) return node;
      const slash = path.lastIndexOf('/');
      const parent = folderOf(slash < 0 ? '' : path.slice(0, slash));
      node = parent.contents[path.slice(slash + 1)] ?? parent.node_ops.mknod(parent, path.slice(slash + 1), DIR_MODE, 0);
      folders.set(path, node);
      return node;
    };
    for (const entry of this.#entries) {
      if (entry.dir) {
        folderOf(entry.path);
        continue;
      }
      const slash = entry.path.lastIndexOf('/');
      const parent = folderOf(slash < 0 ? '' : entry.path.slice(0, slash));
      const node = parent.node_ops.mknod(parent, entry.path.slice(slash + 1), FILE_MODE, 0);
      const contents = new Uint8Array(entry.size); // zeros (untouched pages, for a large one), then the bytes over them
      contents.set(entry.bytes);
      node.contents = contents;
      node.usedBytes = entry.size;
      node.atime = node.mtime = node.ctime = entry.mtime;
    }
  }
}

/**
 * Emscripten's in-memory files grow by an eighth each time once over 1 MB, copying the whole file
 * every time: a 16 MB WAL segment written page by page is reallocated ~24 times (~140 MB copied), as
 * is each table that grows. A test database is in memory only (the app's folders are on disk, in
 * NODEFS), so here a file doubles instead, as Emscripten's own rule does under 1 MB: a few copies,
 * at most twice the memory of the largest file. Same contents, same used length.
 */
function growFilesByDoubling(MEMFS: any): void {
  MEMFS.expandFileStorage = (node: { contents: Uint8Array | null; usedBytes: number }, needed: number) => {
    const had = node.contents?.length ?? 0;
    if (had >= needed) return;
    const contents = new Uint8Array(Math.max(needed, had * 2, 256));
    if (node.contents && node.usedBytes) contents.set(node.contents.subarray(0, node.usedBytes));
    node.contents = contents;
  };
}
