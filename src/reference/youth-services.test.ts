import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadYouthServices, namesOfService, youthServicesFilePath } from './youth-services.ts';

const dir = mkdtempSync(join(tmpdir(), 'youth-services-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const shipped = JSON.parse(readFileSync(youthServicesFilePath, 'utf8')) as { counts: Record<string, number>; services: Record<string, unknown>[] };
/** The shipped file with its services changed (counts recomputed unless told), written to a temporary file. */
const variant = (name: string, change: (services: Record<string, unknown>[]) => Record<string, unknown>[], counts?: Record<string, number>) => {
  const services = change(structuredClone(shipped.services));
  const body = {
    ...shipped,
    services,
    counts: counts ?? {
      ...shipped.counts,
      servicesListed: services.length,
      inEngland: services.filter((s) => s.nation === 'England').length,
      inWales: services.filter((s) => s.nation === 'Wales').length,
      inspectionsFound: services.reduce((n, s) => n + (s.inspections as unknown[]).length, 0),
    },
  };
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(body));
  return path;
};
const named = (services: Record<string, unknown>[], name: string) => services.find((s) => s.name === name)!;

describe('the youth justice services reference file', () => {
  const file = loadYouthServices();
  const service = (name: string) => file.services.find((s) => s.name === name)!;

  it('lists every youth justice service of the YJB statistics once: 155, in England and Wales, each with its sources', () => {
    expect(file.services).toHaveLength(155);
    expect(file.counts).toMatchObject({ servicesListed: 155, inEngland: 138, inWales: 17 });
    expect(new Set(file.services.map((s) => s.name)).size).toBe(155);
    expect(file.services.every((s) => s.sources.length > 0 && s.localAuthorities.length > 0)).toBe(true);
    // The 22 Welsh councils are covered by the 17 Welsh services, each council once.
    const welshCouncils = file.services.filter((s) => s.nation === 'Wales').flatMap((s) => s.localAuthorities);
    expect(welshCouncils.sort()).toEqual([...file.welshPrincipalCouncils.names].sort());
  });

  it('keeps the services listed before under their names, with their inspections', () => {
    expect(service('Hull').inspections.length).toBeGreaterThan(0);
    expect(service('Hull').otherNames.map((n) => n.name)).toEqual(['Kingston-upon-Hull']);
    expect(service('Birmingham').inspections[0]?.url).toMatch(/^https:\/\//);
  });

  it('gives every service its nation, England or Wales, and says the nation is derived', () => {
    expect(file.derivedFields?.nation).toMatch(/^\(derived\)/);
    expect(service('Cardiff').nation).toBe('Wales');
    expect(service('Cwm Taf')).toMatchObject({ nation: 'Wales', localAuthorities: ['Merthyr Tydfil', 'Rhondda Cynon Taf'], localAuthoritiesBasis: 'partnership' });
    expect(service('Birmingham').nation).toBe('England');
  });

  it('records partnerships and former names with their dates and sources', () => {
    expect(service('West Mercia')).toMatchObject({ localAuthoritiesBasis: 'derived', localAuthoritiesNote: expect.stringMatching(/^\(derived\)/) });
    const westernBay = service('Swansea').formerNames[0]!;
    expect(westernBay).toMatchObject({ name: 'Western Bay Youth Justice and Early Intervention Service', from: '2014', until: null });
    expect(service('Neath Port Talbot').formerNames[0]?.name).toBe(westernBay.name);
    expect(service('Westmorland and Furness').formerNames[0]).toMatchObject({ name: 'Cumbria Youth Offending Service', until: '2023-04' });
    expect(namesOfService(service('Cumberland'))).toEqual([{ name: 'Cumbria Youth Offending Service', note: expect.stringMatching(/^former name, until 2023-04: .*https:\/\//) }]);
  });

  it('refuses a service listed twice, without a source, with a nation its councils contradict, or a former name that is another service', () => {
    const problems = (path: string) => {
      try {
        loadYouthServices(path);
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(problems(variant('twice', (s) => [...s, named(s, 'Cardiff')]))).toMatch(/services\.155\.name: Cardiff is listed twice/);
    expect(problems(variant('unsourced', (s) => s.map((x) => (x.name === 'Leeds' ? { ...x, sources: [] } : x))))).toMatch(/sources: give at least one source/);
    expect(
      problems(
        variant('nation', (s) => s.map((x) => (x.name === 'Cardiff' ? { ...x, nation: 'England' } : x)), undefined),
      ),
    ).toMatch(/Cardiff covers Cardiff: its nation is Wales, not England/);
    expect(problems(variant('scotland', (s) => s.map((x) => (x.name === 'Leeds' ? { ...x, nation: 'Scotland' } : x))))).toMatch(/nation must be England or Wales/);
    expect(
      problems(variant('former', (s) => s.map((x) => (x.name === 'Leeds' ? { ...x, formerNames: [{ name: 'Bradford', from: null, until: null, sources: ['https://example.org/'] }] } : x)))),
    ).toMatch(/Leeds's former or other name Bradford is another service's name/);
    expect(problems(variant('counts', (s) => s, { ...shipped.counts, servicesListed: 154 }))).toMatch(/counts\.servicesListed says 154, the services give 155/);
  });
});
