// A data folder dump unpacked on disk: the tar's folders, files, bytes and modification times,
// gzipped or not; anything that is not a dump refused with the folder left as it was. PGlite opening
// a folder unpacked so (the first start, a restore) is tested in database.storage.test.ts,
// first-start-database.storage.test.ts and backup-cli.storage.test.ts.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readDumpTar, unpackDataFolderDump } from './data-folder-dump.ts';

const dir = mkdtempSync(join(tmpdir(), 'inspectorate-dump-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A ustar archive as PGlite's dumpDataDir (tinytar) writes one: names with a leading slash. */
function tar(entries: { path: string; data?: string; mtime?: number }[]): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const data = Buffer.from(e.data ?? '');
    const header = Buffer.alloc(512);
    header.write(`/${e.path}`, 0);
    header.write(`${(e.data === undefined ? 0o755 : 0o644).toString(8).padStart(7, '0')}\0`, 100);
    header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
    header.write(`${(e.mtime ?? 1_700_000_000).toString(8).padStart(11, '0')}\0`, 136);
    header.write(e.data === undefined ? '5' : '0', 156);
    header.write('ustar\u000000', 257);
    header.fill(32, 148, 156);
    let sum = 0;
    for (const b of header) sum += b;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  return Buffer.concat([...blocks, Buffer.alloc(1024)]);
}

const dump = tar([{ path: 'PG_VERSION', data: '18\n', mtime: 1_600_000_000 }, { path: 'base' }, { path: 'base/5/1259', data: 'pages' }, { path: 'pg_wal/000000010000000000000001', data: 'wal' }]);

describe('a data folder dump', () => {
  it('unpacks its folders and files, with their bytes and modification times, gzipped or not', () => {
    for (const [name, bytes] of [['plain', dump], ['gzipped', gzipSync(dump)]] as const) {
      const folder = join(dir, name, 'pglite');
      unpackDataFolderDump(bytes, folder);
      expect(readFileSync(join(folder, 'PG_VERSION'), 'utf8')).toBe('18\n');
      expect(statSync(join(folder, 'PG_VERSION')).mtimeMs).toBe(1_600_000_000_000);
      expect(readFileSync(join(folder, 'base/5/1259'), 'utf8')).toBe('pages');
      expect(readFileSync(join(folder, 'pg_wal/000000010000000000000001'), 'utf8')).toBe('wal');
      expect(readdirSync(folder).sort()).toEqual(['PG_VERSION', 'base', 'pg_wal']);
    }
    expect(readDumpTar(dump).map((e) => [e.path, e.dir])).toEqual([['PG_VERSION', false], ['base', true], ['base/5/1259', false], ['pg_wal/000000010000000000000001', false]]);
  });

  it('is not unpacked over a database', () => {
    const folder = join(dir, 'held');
    mkdirSync(folder);
    writeFileSync(join(folder, 'PG_VERSION'), '17\n');
    expect(() => unpackDataFolderDump(dump, folder)).toThrow('Database already exists');
    expect(readdirSync(folder)).toEqual(['PG_VERSION']);
  });

  it('refuses what is not a dump, and leaves the folder as it was', () => {
    const folder = join(dir, 'refused');
    mkdirSync(folder);
    writeFileSync(join(folder, 'kept'), 'x');
    const corrupted = Buffer.from(dump);
    corrupted.writeUInt8(corrupted[0]! ^ 1, 0);
    for (const [bytes, why] of [
      [Buffer.from('this is not a backup'), 'not a tar archive'],
      [corrupted, 'a tar header is corrupted'],
      [dump.subarray(0, 600), 'ends part-way'],
      [tar([{ path: 'base' }]), 'no PG_VERSION'],
      [tar([{ path: 'PG_VERSION', data: '18\n' }, { path: '../outside', data: 'x' }]), 'outside the folder'],
    ] as const) {
      expect(() => unpackDataFolderDump(bytes, folder)).toThrow(why);
      expect(readdirSync(folder)).toEqual(['kept']);
    }
    expect(() => unpackDataFolderDump(gzipSync('not a tar'), folder)).toThrow('not a tar archive');
    const gzipped = gzipSync(dump);
    expect(() => unpackDataFolderDump(gzipped.subarray(0, gzipped.length - 20), folder)).toThrow('not a data folder dump: its compressed bytes are cut short or damaged (unexpected end of file)');
    expect(readdirSync(folder)).toEqual(['kept']);
  });

  it('takes back what it wrote when writing fails part-way (a file where the dump has a folder)', () => {
    const folder = join(dir, 'part-way');
    mkdirSync(folder);
    writeFileSync(join(folder, 'kept'), 'x');
    const blocked = tar([{ path: 'PG_VERSION', data: '18\n' }, { path: 'base/5/1259', data: 'pages' }, { path: 'kept/inside', data: 'x' }]);
    expect(() => unpackDataFolderDump(blocked, folder)).toThrow();
    expect(readdirSync(folder)).toEqual(['kept']);
    expect(readFileSync(join(folder, 'kept'), 'utf8')).toBe('x');
    expect(existsSync(join(folder, 'PG_VERSION'))).toBe(false);
  });
});
