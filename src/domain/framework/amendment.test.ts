// The adult 2021 file as shipped replaces the text first stored for that version: it may only add
// the regime, attribute roles and provenance, never change what was there (so every rating stays).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { bundledFrameworkFiles } from '../../reference/frameworks.ts';

const firstText = readFileSync(new URL('../../../test/fixtures/frameworks/hmip-adult-pdu-2021.as-first-stored.yaml', import.meta.url), 'utf8');
const shipped = bundledFrameworkFiles().find((f) => f.framework.key === 'hmip-adult-pdu@2021')!;

/** The shipped definition without what this text added. */
function withoutAdditions(raw: Record<string, unknown>): unknown {
  const { regime: _regime, replaces: _replaces, ...rest } = raw;
  const source = { ...(rest.source as Record<string, unknown>) };
  delete source.wording;
  const caseAttributes = (rest.caseAttributes as Record<string, unknown>[]).map(({ role: _role, ...a }) => a);
  return { ...rest, source, caseAttributes };
}

describe('hmip-adult-pdu@2021 as shipped, against the text first stored', () => {
  it('names the first text by its SHA-256', () => {
    const sha = createHash('sha256').update(firstText, 'utf8').digest('hex');
    expect(shipped.framework.definition.replaces?.map((r) => r.sha256)).toContain(sha);
  });

  it('only adds the regime, the attributes\' roles and the wording\'s provenance: every rule and text is as first stored', () => {
    expect(withoutAdditions(parseYaml(shipped.sourceText) as Record<string, unknown>)).toEqual(parseYaml(firstText));
  });

  it('states the regime the code used to assume', () => {
    const f = shipped.framework;
    expect(f.regime).toMatchObject({ organisationKind: 'pdu', organisation: { singular: 'PDU' }, people: { plural: 'people on probation' }, sampleWindow: { monthsBeforeFieldwork: 6 } });
    expect(f.regime.breakdowns).toEqual(['rosh', 'sentence_type', 'gender', 'ethnicity']);
    expect(f.regime.sampleMix).toEqual(['sentence_type', 'rosh', 'gender', 'ethnicity']);
    expect(f.regime.stratifyBy).toEqual(['rosh', 'sentence_type', 'gender', 'ethnicity', 'age_band']);
    expect([f.attributeWithRole('risk-level')?.id, f.attributeWithRole('case-type')?.id, f.attributeWithRole('start-date')?.id]).toEqual(['rosh', 'sentence_type', 'start_date']);
    expect(f.countedStandards.map((s) => s.id)).toEqual(['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '2.4', '2.5']);
    expect(f.provenance('2.2.1a')).toEqual({ wording: 'verbatim', source: 'Consultation on the future of adult inspections (part two)' });
  });
});
