import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { referenceFilesDigest } from './digest.ts';

const dir = mkdtempSync(join(tmpdir(), 'reference-digest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the reference files digest', () => {
  it('changes when a file changes, is added or moves, or the loader version changes; not otherwise', () => {
    mkdirSync(join(dir, 'frameworks'));
    writeFileSync(join(dir, 'frameworks', 'a.yaml'), 'id: a\n');
    writeFileSync(join(dir, 'regions.json'), '[]');
    const first = referenceFilesDigest('v1', dir);
    expect(referenceFilesDigest('v1', dir)).toBe(first);
    expect(referenceFilesDigest('v2', dir)).not.toBe(first);
    writeFileSync(join(dir, 'regions.json'), '[1]');
    const edited = referenceFilesDigest('v1', dir);
    expect(edited).not.toBe(first);
    writeFileSync(join(dir, 'frameworks', 'b.yaml'), '');
    expect(referenceFilesDigest('v1', dir)).not.toBe(edited);
    rmSync(join(dir, 'frameworks', 'b.yaml'));
    expect(referenceFilesDigest('v1', dir)).toBe(edited);
    rmSync(join(dir, 'frameworks', 'a.yaml'));
    writeFileSync(join(dir, 'a.yaml'), 'id: a\n'); // the same bytes at another path
    expect(referenceFilesDigest('v1', dir)).not.toBe(edited);
  });
});
