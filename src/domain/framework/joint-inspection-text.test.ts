// The youth framework texts that gained the joint inspection's partner inspectorates name the text
// they replace by SHA-256 and differ from it only there, so every rating stays as it was and a
// database holding the earlier text takes the new one.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { bundledFrameworkFiles } from '../../reference/frameworks.ts';

/** A framework file's data without `replaces` and without the regime's joint inspection (nor the
 * sample's pools, added after it: case-pools-text.test.ts). */
function withoutJointInspection(text: string): unknown {
  const { replaces: _replaces, ...raw } = parseYaml(text) as Record<string, unknown>;
  const { jointInspection: _joint, casePools: _pools, ...regime } = raw.regime as Record<string, unknown>;
  return { ...raw, regime };
}

describe.each([
  ['hmip-youth@2018', 'hmip-youth-2018'],
  ['hmip-youth@2021', 'hmip-youth-2021'],
])('%s as shipped, against the text before the joint inspection', (key, file) => {
  const before = readFileSync(new URL(`../../../test/fixtures/frameworks/${file}.before-joint-inspection.yaml`, import.meta.url), 'utf8');
  const shipped = bundledFrameworkFiles().find((f) => f.framework.key === key)!;

  it('names that text among those it replaces, and still the ones before it', () => {
    const sha = createHash('sha256').update(before, 'utf8').digest('hex');
    const replaced = shipped.framework.definition.replaces?.map((r) => r.sha256) ?? [];
    expect(replaced).toContain(sha);
    // The first text, then this one (and the text before the sample's pools, which came after).
    expect(replaced.length).toBe(3);
  });

  it('only adds the joint inspection: every rule, standard and word is as before', () => {
    expect(shipped.framework.regime.jointInspection?.partners.length).toBeGreaterThan(0);
    expect(withoutJointInspection(shipped.sourceText)).toEqual(withoutJointInspection(before));
  });
});
