// The case lists' columns come from the framework file's attribute roles, not from adult ids.
import { describe, expect, it } from 'vitest';
import { bundledFramework } from '../reference/frameworks.ts';
import { draftCaseRows, roleColumns } from './sample-page.ts';

describe('the case type and risk level columns', () => {
  it('are the attributes with those roles in each framework', () => {
    expect(roleColumns(bundledFramework('hmip-adult-pdu@2021'))).toEqual([
      { id: 'sentence_type', heading: 'Sentence type' },
      { id: 'rosh', heading: 'Risk of serious harm level' },
    ]);
    expect(roleColumns(bundledFramework('hmip-youth@2021'))).toEqual([
      { id: 'case_type', heading: 'Case type' },
      { id: 'rosh', heading: 'Risk of serious harm' },
    ]);
  });

  it('fill a draft sample’s rows from the start date, case type and risk level by role', () => {
    const youth = bundledFramework('hmip-youth@2021');
    const rows = draftCaseRows(youth, [{ caseRef: 'Y1', practitioner: 'Sam Patel', attributes: { case_type: 'out-of-court', start_date: '2026-04-02' } }], true);
    expect(rows).toEqual([[{ text: 'Y1' }, { text: 'Sam Patel' }, { text: 'Thursday 2 April 2026' }, { text: 'Out of court' }, { text: 'Not recorded' }]]);
  });
});
