import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actorInWords } from './actors.ts';
import { ACTION_SENTENCES, AUDIT_KINDS, actionsOfArea, changesOf, sentenceOf, type AuditFacts } from './sentences.ts';
import { NO_WORDS, type AuditWords } from './words.ts';
import { changeLineText } from './changes.ts';

const SRC = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(path);
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') && !d.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Literals shaped like an action code that are something else: file names, member paths. */
const FILE_ENDINGS = /\.(njk|csv|json|jsonl|css|js|ts|yaml|pdf|xlsx|txt|html|tar|docx|wasm|data)$/;
const NOT_ACTIONS = new Set(['excluded.attributes', 'excluded.rating', 'excluded.rationale', 'rules.points', 'rules.standards', 'judgements.diversity', 'sample.provenance', 'organisation.id', 'organisation.name', 'excluded.evidence', 'excluded.reason']);

/** Every action code the source code can record: `namespace.verb` literals anywhere under src/. */
function actionLiterals(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(['"`])([a-z][a-z-]*\.[a-z][a-z-]*)\1/g)) {
      const literal = m[2]!;
      if (FILE_ENDINGS.test(literal) || /^[a-z]\./.test(literal) || NOT_ACTIONS.has(literal)) continue;
      found.set(literal, file.slice(SRC.length + 1));
    }
  }
  return found;
}

// Maps, as the product's words are (framework.ts): an object literal would find 'toString' and the like.
const people = new Map([[12, 'Isla Inspector'], [3, 'Lee Lead']]);
const items = new Map([['2.1', 'Court work'], ['2.1.1a', 'Does the information and advice draw sufficiently on available sources of information?'], ['1.1', 'Leadership']]);
const words: AuditWords = {
  person: (id) => people.get(id),
  item: (id) => items.get(id),
  organisation: (id) => (id === 7 ? 'Leeds' : undefined),
};
const event = (action: string, fields: Partial<AuditFacts> = {}): AuditFacts => ({ action, entity: 'inspection', entityId: '1', inspectionId: 1, before: null, after: null, ...fields });

describe('the sentence table', () => {
  it('has a sentence for every action recorded anywhere in the source', () => {
    const literals = actionLiterals();
    // The scan finds the actions (so a broken scan cannot pass by finding nothing).
    expect(literals.size).toBeGreaterThan(60);
    expect(literals.has('case.standard-saved')).toBe(true);
    expect(literals.has('assessments.generated')).toBe(true);
    const missing = [...literals].filter(([action]) => !ACTION_SENTENCES[action]).map(([action, file]) => `${action} (${file})`);
    expect(missing).toEqual([]);
  });

  it('puts every action in a kind, and every kind on an audit page', () => {
    for (const entry of Object.values(ACTION_SENTENCES)) expect(Object.keys(AUDIT_KINDS)).toContain(entry.kind);
    expect(actionsOfArea('programme')).toContain('programme-cycle.created');
    expect(actionsOfArea('national')).toEqual(['annual-report.cut-taken', 'annual-report.foreword-saved', 'annual-report.publication-set']);
    expect(actionsOfArea('programme')).not.toContain('user.created');
  });

  it('says what happened in words', () => {
    expect(sentenceOf(event('case.standard-saved', { entity: 'case', entityId: '1/DEMO-004', before: { standard: '2.1' }, after: { standard: '2.1', mode: 'draft' } }), words)).toBe('Saved case DEMO-004, standard 2.1 as a draft');
    expect(sentenceOf(event('inspection.signed-off', { after: { status: 'signed-off' } }), words)).toBe('Signed off the inspection');
    expect(
      sentenceOf(event('timeline.milestone-moved', { before: { milestone: 'Publication', date: '2026-10-05' }, after: { milestone: 'Publication', date: '2026-10-12', reason: 'The venue is closed' } }), words),
    ).toBe("Moved the milestone 'Publication' from 5 October 2026 to 12 October 2026, reason: The venue is closed");
    expect(sentenceOf(event('case.assigned', { entity: 'case', entityId: '1/DEMO-009', after: { userId: 12 } }), words)).toBe('Assigned case DEMO-009 to Isla Inspector');
    expect(sentenceOf(event('judgement.recorded', { entity: 'judgement', entityId: '1/1.1', after: { rating: 'Good', rationale: 'x' } }), words)).toBe('Rated 1.1 Leadership Good');
    expect(sentenceOf(event('inspection.member-set', { after: { userId: 3, role: 'lead-inspector' } }), words)).toBe('Added Lee Lead to the team as lead inspector');
    expect(sentenceOf(event('report.status-changed', { after: { status: 'embargoed', publishOn: '2026-11-02' } }), words)).toBe('Embargoed the report until its publication on 2 November 2026');
    expect(sentenceOf(event('user.role-changed', { entity: 'user', before: { role: 'inspector' }, after: { role: 'lead-inspector', displayName: 'Isla Inspector' } }), words)).toBe(
      'Changed the role of Isla Inspector from inspector to lead inspector',
    );
  });

  it('says an action it does not know in words, with its record', () => {
    expect(sentenceOf(event('widget.polished', { entity: 'widget', entityId: '4' }), words)).toBe('Widget polished (widget 4)');
  });

  it('leaves out of the change lines what the sentence says, and shows a settled disagreement as one line', () => {
    const moved = event('timeline.milestone-moved', { before: { milestone: 'Publication', date: '2026-10-05' }, after: { milestone: 'Publication', date: '2026-10-12', reason: 'Short' } });
    expect(changesOf(moved, words)).toEqual([]);
    const long = 'x '.repeat(200);
    expect(changesOf({ ...moved, after: { ...(moved.after as object), reason: long } }, words).map((l) => l.field)).toEqual(['Reason']);
    const settled = event('qa.disagreement-settled', { entity: 'case', entityId: '1/DEMO-001', before: { '2.1.1a': 'yes', second: 'no' }, after: { '2.1.1a': 'yes', reason: 'The record shows it' } });
    expect(changesOf(settled, words).map(changeLineText)).toEqual(['2.1.1a Does the information and advice draw…: first assessment yes, second assessment no → settled as yes']);
  });

  it('never throws, whatever was stored before and after (fast-check)', () => {
    const actions = fc.constantFrom(...Object.keys(ACTION_SENTENCES));
    const json = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(actions, json, json, fc.string(), (action, before, after, entityId) => {
        const e = event(action, { before, after, entityId });
        const entry = ACTION_SENTENCES[action]!;
        // The table's own sentence (not the fallback) must cope with any shape.
        const said = entry.say(e, words);
        expect(typeof said).toBe('string');
        expect(said.length).toBeGreaterThan(0);
        expect(said).not.toContain('undefined');
        expect(said).not.toContain('[object Object]');
        changesOf(e, NO_WORDS);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('who acted', () => {
  it('names people, the command line and the system', () => {
    expect(actorInWords('user:12', words)).toBe('Isla Inspector');
    expect(actorInWords('user:99', words)).toBe('Account 99 (no longer on record)');
    expect(actorInWords('cli:root', words)).toBe('Command line (root)');
    expect(actorInWords('system', words)).toBe('System');
    expect(actorInWords('system:retention', words)).toBe('System (case link retention)');
    expect(actorInWords('system:something-new', words)).toBe('System');
    expect(actorInWords('sms:inbound', words)).toBe('Text message from a person on probation');
    expect(actorInWords('test', words)).toBe('test');
  });
});
