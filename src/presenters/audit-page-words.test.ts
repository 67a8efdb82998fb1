// An inspection's audit trail names its judgements as the inspection's framework does: a youth
// justice inspection's trail does not speak of "Domain one and diversity"; a trail that mixes
// inspections uses words that fit them all.
import { describe, expect, it } from 'vitest';
import { NO_WORDS } from '../domain/audit/words.ts';
import { bundledFrameworkFiles } from '../reference/frameworks.ts';
import { readAuditFilters } from './audit-filters.ts';
import { auditPageView } from './audit-page.ts';

const sectionOf = (key: string) => bundledFrameworkFiles().find((f) => f.framework.key === key)!.framework.regime.judgementsSection;

function judgementsKind(area: 'inspection' | 'administration', judgementsSection?: string): string | undefined {
  const { filters } = readAuditFilters({});
  const view = auditPageView({ area, path: '/x/audit', filters, errors: [], events: [], total: 0, actors: [], words: NO_WORDS, ...(judgementsSection ? { judgementsSection } : {}) });
  return view.kind.items.find((i) => i.value === 'judgements')?.text;
}

describe('the kind of action for judgements on an audit trail', () => {
  it('is "Domain one and diversity ratings" on an adult PDU inspection’s trail, as before', () => {
    expect(judgementsKind('inspection', sectionOf('hmip-adult-pdu@2021'))).toBe('Domain one and diversity ratings');
  });

  it.each(['hmip-youth@2018', 'hmip-youth@2021'])('is named by the %s file’s section on a youth inspection’s trail', (key) => {
    const text = judgementsKind('inspection', sectionOf(key));
    expect(text).toBe('Standards judged for the service ratings');
    expect(text).not.toMatch(/Domain one|diversity/);
  });

  it('is neutral where inspections of any framework are mixed (administration’s trail)', () => {
    expect(judgementsKind('administration')).toBe('Judgements for the service');
  });
});
