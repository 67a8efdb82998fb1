// `inspectorate rate FILE --json --framework hmip-youth@2021`: the same shape as for adult files;
// `inspectorate framework diff A B --shipped` between the shipped youth versions.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCapturing } from '../../test/support/cli.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/assessments/${name}`, import.meta.url));

describe('inspectorate rate a youth assessment file', () => {
  it('prints standards (4.1 included, not rated without a 4.1 row) and the overall score out of 36 as JSON', async () => {
    const { code, stdout, stderr } = await runCapturing(['rate', fixture('youth-2021-no-resettlement.csv'), '--json', '--framework', 'hmip-youth@2021']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.frameworkKey).toBe('hmip-youth@2021');
    expect(r.standards.map((s: { id: string }) => s.id)).toEqual(['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '2.4', '3.1', '3.2', '3.3', '3.4', '4.1']);
    expect(r.standards.at(-1)).toMatchObject({ id: '4.1', rating: null, notRated: true });
    expect(r.overall).toMatchObject({ score: 22, maxScore: 36, rating: 'Good' });
  });

  it('prints 4.1 as rated but not counted in the table', async () => {
    const { code, stdout } = await runCapturing(['rate', fixture('youth-2021-with-resettlement.csv'), '--framework', 'hmip-youth@2021']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/4\.1 Resettlement policy and provi… Outstanding\s+judgement\s+not counted/);
    expect(stdout).toMatch(/Overall\s+Good\s+22\/36/);
  });
});

describe('inspectorate framework diff A B --shipped', () => {
  it('prints the youth 2018 → 2021 differences as JSON: 3.4 changed, 4.1 added', async () => {
    const { code, stdout } = await runCapturing(['framework', 'diff', 'hmip-youth@2018', 'hmip-youth@2021', '--shipped', '--json']);
    expect(code).toBe(0);
    const d = JSON.parse(stdout);
    expect(d).toMatchObject({ from: 'hmip-youth@2018', to: 'hmip-youth@2021', overallComparable: true });
    expect(d.notComparable.map((n: { standard: string }) => n.standard)).toEqual(['3.4', '4.1']);
  });

  it('prints them as text, and names the shipped versions when one is unknown', async () => {
    const { stdout } = await runCapturing(['framework', 'diff', 'hmip-youth@2018', 'hmip-youth@2021', '--shipped']);
    expect(stdout).toContain('Standard 3.4: renamed, reworded\n    name: "Joint working" → "Out-of-court disposal policy and provision"');
    expect(stdout).toContain('Not comparable across the versions: 3.4 (renamed; statement reworded; key question 3.4.1 reworded), 4.1 (added)');
    const unknown = await runCapturing(['framework', 'diff', 'hmip-youth@2018', 'hmip-youth@2099', '--shipped']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No framework hmip-youth@2099; shipped: hmip-adult-pdu@2021, hmip-youth@2018, hmip-youth@2021');
  });
});
