import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadYouthServices } from './youth-services.ts';

const dir = mkdtempSync(join(tmpdir(), 'youth-services-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, body: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(body));
  return path;
};

describe('the youth justice services reference file', () => {
  const file = loadYouthServices();

  it('gives every service its nation, England or Wales, and says the nation is derived', () => {
    expect(file.derivedFields?.nation).toMatch(/^\(derived\)/);
    const wales = file.services.filter((s) => s.nation === 'Wales').map((s) => s.name);
    expect(wales).toContain('Cardiff');
    expect(wales).toContain('Blaenau Gwent and Caerphilly');
    expect(wales).not.toContain('Birmingham');
    expect(file.services.find((s) => s.name === 'Birmingham')?.nation).toBe('England');
  });

  it('refuses a service without a nation or with another one, naming the entry', () => {
    const base = { asOf: '2026-12-06', services: [{ name: 'Cardiff', nation: 'Wales', inspections: [] }] };
    expect(loadYouthServices(write('ok.json', base)).services[0]?.nation).toBe('Wales');
    expect(() => loadYouthServices(write('none.json', { ...base, services: [{ name: 'Cardiff', inspections: [] }] }))).toThrow(/services\.0\.nation/);
    expect(() => loadYouthServices(write('scotland.json', { ...base, services: [{ name: 'Glasgow', nation: 'Scotland', inspections: [] }] }))).toThrow(/nation must be England or Wales/);
  });
});
