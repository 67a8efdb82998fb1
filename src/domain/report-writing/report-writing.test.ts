// The report's narrative: tracked changes between versions (a word diff), placeholders for ratings
// and figures (offered, validated, filled), paragraphs and lists rendered with everything escaped,
// and who may write when.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateAssessment } from '../../demo/generate-assessment.ts';
import { bundledFramework } from '../../reference/frameworks.ts';
import { rateInspection } from '../rating/engine.ts';
import { isStale, mayWrite, stageRefusal } from './editing.ts';
import { escapeText, narrativeHtml, narrativeText, parseNarrative } from './narrative.ts';
import { availablePlaceholders, fillPlaceholders, placeholderProblems, placeholdersFor } from './placeholders.ts';
import { cleanParts, reportSections } from './sections.ts';
import { changeSummary, diffHtml, MAX_DIFF_CELLS, sideOf, wordDiff } from './word-diff.ts';

const words = fc.array(fc.constantFrom('the', 'PDU', 'risk', 'plans', 'were', 'good', 'not', '<b>', '&', 'staff'), { maxLength: 30 });
const text = fc.tuple(words, fc.array(fc.constantFrom(' ', '  ', '\n', '\n\n'), { minLength: 30, maxLength: 30 })).map(([ws, gaps]) => ws.map((w, i) => w + gaps[i]).join(''));

describe('the word diff', () => {
  it('gives back each side exactly: the same and removed parts are the old text, the same and added the new', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const parts = wordDiff(before, after);
        expect(sideOf(parts, 'before')).toBe(before);
        expect(sideOf(parts, 'after')).toBe(after);
      }),
    );
  });
  it('finds nothing changed between a text and itself, and keeps the words both share', () => {
    fc.assert(fc.property(text, (t) => wordDiff(t, t).every((p) => p.kind === 'same')));
    const parts = wordDiff('Risk plans were good in most cases.', 'Risk plans were not good in most cases.');
    expect(parts).toEqual([
      { kind: 'same', text: 'Risk plans were ' },
      { kind: 'added', text: 'not ' },
      { kind: 'same', text: 'good in most cases.' },
    ]);
    expect(changeSummary(parts)).toEqual({ added: 1, removed: 0 });
  });
  it('reads a rewritten phrase as one deletion and one insertion, not alternating words', () => {
    expect(wordDiff('Staff had very high caseloads here.', 'Staff had manageable, steady caseloads here.')).toEqual([
      { kind: 'same', text: 'Staff had ' },
      { kind: 'removed', text: 'very high' },
      { kind: 'added', text: 'manageable, steady' },
      { kind: 'same', text: ' caseloads here.' },
    ]);
  });
  it('marks changes with <ins> and <del>, a text label on each, and escapes the writer’s text', () => {
    const html = diffHtml(wordDiff('Staff <b>were</b> trained.', 'Staff were trained & supervised.'));
    expect(html).toContain('<del class="app-diff-removed"><span class="govuk-visually-hidden">[removed: </span>');
    expect(html).toContain('<ins class="app-diff-added"><span class="govuk-visually-hidden">[added: </span>');
    expect(html).toContain('&lt;b&gt;were&lt;/b&gt;');
    expect(html).toContain('&amp;');
    expect(html).not.toContain('<b>');
  });
  it('shows a text rewritten too widely to compare word by word as removed, then added, whole', () => {
    const side = Math.ceil(Math.sqrt(MAX_DIFF_CELLS)) + 10;
    const before = Array.from({ length: side }, (_, i) => `a${i}`).join(' ');
    const after = Array.from({ length: side }, (_, i) => `b${i}`).join(' ');
    const parts = wordDiff(before, after);
    expect(parts.map((p) => p.kind)).toEqual(['removed', 'added']);
    expect(sideOf(parts, 'after')).toBe(after);
  });
});

describe('the narrative as paragraphs and lists', () => {
  it('reads blank-line paragraphs and "- " lists, joining a paragraph’s lines', () => {
    expect(parseNarrative('First line\nsame paragraph.\n\nStrengths:\n- one\n- two\n  carried on\n\nLast.')).toEqual([
      { kind: 'paragraph', text: 'First line same paragraph.' },
      { kind: 'paragraph', text: 'Strengths:' },
      { kind: 'list', items: ['one', 'two carried on'] },
      { kind: 'paragraph', text: 'Last.' },
    ]);
    expect(parseNarrative('  \n\n ')).toEqual([]);
  });
  it('never lets the writer’s HTML through: every character that could open markup is escaped', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const html = narrativeHtml(parseNarrative(s));
        const stripped = html.replace(/<\/?(p|ul|li)( class="[a-z -]+")?>/g, '');
        expect(stripped).not.toMatch(/[<>"]/);
      }),
    );
    expect(narrativeHtml(parseNarrative('<script>alert("x")</script>\n- <img src=x onerror=alert(1)>'))).toBe(
      '<p class="govuk-body">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>\n<ul class="govuk-list govuk-list--bullet"><li>&lt;img src=x onerror=alert(1)&gt;</li></ul>',
    );
    expect(escapeText(`'&`)).toBe('&#39;&amp;');
  });
  it('round-trips through plain text: parsing what it writes gives the same blocks', () => {
    fc.assert(fc.property(text, (t) => {
      const blocks = parseNarrative(t);
      expect(parseNarrative(narrativeText(blocks))).toEqual(blocks);
    }));
  });
});

describe('placeholders for ratings and figures', () => {
  const framework = bundledFramework();
  const assessment = generateAssessment(framework, { seed: 5, cases: 20, windowStart: '2026-03-02' });
  assessment.judgements['1.1'] = { rating: 'Good', rationale: 'Clear leadership.' };
  const ratings = rateInspection(framework, assessment);
  const all = availablePlaceholders({ ratings, casesComplete: 18, surveyResponseRate: 34 });
  const kq = ratings.standards.find((s) => s.id === '2.1')!.keyQuestions[0]!;

  it('offers the documented set, with the values now', () => {
    const value = (token: string) => all.find((p) => p.token === token)?.value;
    expect(value('{{rating:1.1}}')).toBe('Good');
    expect(value('{{cases:complete}}')).toBe('18');
    expect(value('{{cases:inspected}}')).toBe('20');
    expect(value('{{survey:response-rate}}')).toBe('34%');
    expect(value(`{{percentage:${kq.id}}}`)).toBe(`${kq.percentage}%`);
    expect(value(`{{count:${kq.id}}}`)).toBe(`${kq.sufficient} of ${kq.applicable}`);
    expect(value('{{rating:overall}}')).toBe(ratings.overall.rating ?? '[not yet rated]');
    expect(all.some((p) => p.token === '{{rating:diversity}}')).toBe(true);
  });
  it('fills placeholders from the live ratings, spaces inside the braces allowed', () => {
    expect(fillPlaceholders(`Rated {{rating:1.1}}; {{ percentage:${kq.id} }} of cases; {{cases:complete}} complete.`, all)).toBe(`Rated Good; ${kq.percentage}% of cases; 18 complete.`);
  });
  it('refuses an unknown placeholder by name, and one not closed', () => {
    expect(placeholderProblems('{{rating:2.1}} and {{rating:9.9}} and {{colour:red}}', all)).toEqual([
      '{{rating:9.9}} is not a placeholder this report offers: use one from the list of placeholders, such as {{rating:overall}} or {{percentage:2.1.1}}',
      '{{colour:red}} is not a placeholder this report offers: use one from the list of placeholders, such as {{rating:overall}} or {{percentage:2.1.1}}',
    ]);
    expect(placeholderProblems('Rated {{rating:2.1', all)[0]).toMatch(/^A placeholder is not written in full near "\{\{rating:2.1"/);
    expect(placeholderProblems('No placeholders at all.', all)).toEqual([]);
  });
  it('fills every offered placeholder and leaves no braces behind', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...all.map((p) => p.token)), { maxLength: 8 }), (tokens) => {
      const filled = fillPlaceholders(tokens.join(' '), all);
      expect(placeholderProblems(tokens.join(' '), all)).toEqual([]);
      expect(filled).not.toContain('{{');
    }));
  });
  it('offers a standard’s own placeholders first in its section', () => {
    const offered = placeholdersFor(all, '2.1');
    expect(offered[0]!.token).toBe('{{rating:2.1}}');
    expect(offered.some((p) => p.standardId === '2.2')).toBe(false);
    expect(offered.some((p) => p.token === '{{rating:overall}}')).toBe(true);
  });
});

describe('the sections and who may write when', () => {
  const sections = reportSections(bundledFramework());
  it('lists the foreword, overall findings, each rated standard, diversity and people on probation', () => {
    const keys = sections.map((s) => s.key);
    expect(keys.slice(0, 2)).toEqual(['foreword', 'overall-findings']);
    expect(keys).toContain('standard-1.1');
    expect(keys).toContain('standard-2.1');
    expect(keys.slice(-2)).toEqual(['diversity', 'people-on-probation']);
    expect(sections.find((s) => s.key === 'standard-2.1')!.parts.map((p) => p.label)).toEqual(['Narrative', 'Strengths', 'Areas for improvement']);
    expect(sections.at(-1)!.title).toBe('The views of people on probation');
  });
  it('follows a youth file: resettlement rated separately has its narrative; no diversity section; the views of children', () => {
    const youth = reportSections(bundledFramework('hmip-youth@2021'));
    const keys = youth.map((s) => s.key);
    expect(keys).toContain('standard-3.4');
    expect(keys).toContain('standard-4.1');
    expect(keys).not.toContain('diversity');
    expect(youth.at(-1)!.title).toBe('The views of children');
    expect(youth.at(-1)!.parts[0]!.hint).toMatch(/^What children told inspectors/);
  });
  it('keeps only a section’s own parts from a form, with line ends made plain', () => {
    const standard = sections.find((s) => s.key === 'standard-2.1')!;
    expect(cleanParts(standard, { narrative: ' A\r\nB  \r\n', strengths: '- x', other: 'dropped' })).toEqual({ narrative: 'A\nB', strengths: '- x', improvements: '' });
  });
  it('lets the lead and named writers edit a draft, only the lead act on accepted comments during the check, and nobody after', () => {
    const lead = { isLead: true, isNamedWriter: false };
    const writer = { isLead: false, isNamedWriter: true };
    expect(mayWrite(lead) && mayWrite(writer) && !mayWrite({ isLead: false, isNamedWriter: false })).toBe(true);
    expect(stageRefusal('draft', writer, false)).toBeNull();
    expect(stageRefusal('factual-accuracy', writer, true)).toMatch(/only the lead/);
    expect(stageRefusal('factual-accuracy', lead, false)).toMatch(/accepted factual accuracy comment/);
    expect(stageRefusal('factual-accuracy', lead, true)).toBeNull();
    expect(stageRefusal('embargoed', lead, true)).toMatch(/locked/);
    expect(stageRefusal('published', lead, true)).toMatch(/locked/);
    expect(isStale(3, 3)).toBe(false);
    expect(isStale(2, 3)).toBe(true);
  });
});
