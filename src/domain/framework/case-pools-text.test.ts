// The youth framework texts that gained the sample's pools (court and out-of-court disposals) name
// the text they replace by SHA-256 and differ from it only there, so every rating stays as it was
// and a database holding the earlier text takes the new one.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { bundledFrameworkFiles } from '../../reference/frameworks.ts';
import { casePools } from '../sampling/pools.ts';

/** A framework file's data without `replaces` and without the regime's pools. */
function withoutPools(text: string): unknown {
  const { replaces: _replaces, ...raw } = parseYaml(text) as Record<string, unknown>;
  const { casePools: _pools, ...regime } = raw.regime as Record<string, unknown>;
  return { ...raw, regime };
}

describe.each([
  ['hmip-youth@2018', 'hmip-youth-2018'],
  ['hmip-youth@2021', 'hmip-youth-2021'],
])('%s as shipped, against the text before the sample\'s pools', (key, file) => {
  const before = readFileSync(new URL(`../../../test/fixtures/frameworks/${file}.before-case-pools.yaml`, import.meta.url), 'utf8');
  const shipped = bundledFrameworkFiles().find((f) => f.framework.key === key)!;

  it('names that text among those it replaces', () => {
    const sha = createHash('sha256').update(before, 'utf8').digest('hex');
    expect(shipped.framework.definition.replaces?.map((r) => r.sha256)).toContain(sha);
  });

  it('only adds the pools: every rule, standard and word is as before', () => {
    expect(withoutPools(shipped.sourceText)).toEqual(withoutPools(before));
  });

  it('samples court and out-of-court disposals apart, their windows and numbers marked to be confirmed', () => {
    const pools = casePools(shipped.framework);
    expect(pools.map((p) => [p.caseType, p.label, p.minimum, p.target])).toEqual([
      ['court', 'Court disposals', null, null],
      ['out-of-court', 'Out-of-court disposals', null, null],
    ]);
    for (const p of pools) expect(p.note).toMatch(/^To be confirmed: the window .* and how many are inspected\.$/);
  });
});

describe('the adult framework', () => {
  it('names no pools: its caseload is one pool', () => {
    const adult = bundledFrameworkFiles().find((f) => f.framework.key === 'hmip-adult-pdu@2021')!.framework;
    expect(adult.regime.casePools).toBeUndefined();
    expect(casePools(adult)).toHaveLength(1);
  });
});
