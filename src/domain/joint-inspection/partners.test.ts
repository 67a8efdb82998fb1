import { describe, expect, it } from 'vitest';
import { bundledFrameworkFiles } from '../../reference/frameworks.ts';
import type { JointInspectionRule } from '../framework/schema.ts';
import { checkPartnerInspector, checkPartnerInspectorates, jointInspectionSentence, partnerName, partnersFor, whyNoPartners } from './partners.ts';

const rule: JointInspectionRule = {
  provenance: { wording: 'to-be-confirmed', source: 'test' },
  partners: [
    { id: 'police', name: 'Police Inspectorate', abbreviation: 'PI', inspects: 'police', nations: ['England', 'Wales'] },
    { id: 'health-e', name: 'English Health', abbreviation: 'EH', inspects: 'health', nations: ['England'] },
    { id: 'health-w', name: 'Welsh Health', inspects: 'health', nations: ['Wales'] },
  ],
};
const base = { rule, nation: 'England' as const, organisation: 'youth justice service', inspectors: [] };

describe('the partner inspectorates a service may have', () => {
  it('are those the framework names for the service\'s nation, in the framework\'s order', () => {
    expect(partnersFor(rule, 'England').map((p) => p.id)).toEqual(['police', 'health-e']);
    expect(partnersFor(rule, 'Wales').map((p) => p.id)).toEqual(['police', 'health-w']);
  });

  it('are none, with the reason, when the framework inspects nobody jointly or the nation is not known', () => {
    expect(partnersFor(undefined, 'England')).toEqual([]);
    expect(partnersFor(rule, null)).toEqual([]);
    expect(whyNoPartners(undefined, 'England', 'PDU')).toBe('This framework does not inspect PDUs jointly with other inspectorates.');
    expect(whyNoPartners(rule, null, 'youth justice service')).toMatch(/does not record whether this youth justice service is in England or Wales/);
    expect(whyNoPartners(rule, 'Wales', 'youth justice service')).toBeNull();
  });

  it('in the shipped youth frameworks: HMICFRS, CQC and Ofsted in England; HMICFRS, HIW, CIW and Estyn in Wales; the adult framework has none', () => {
    for (const key of ['hmip-youth@2018', 'hmip-youth@2021']) {
      const shipped = bundledFrameworkFiles().find((f) => f.framework.key === key)!.framework.regime.jointInspection;
      expect(partnersFor(shipped, 'England').map((p) => p.abbreviation ?? p.name)).toEqual(['HMICFRS', 'CQC', 'Ofsted']);
      expect(partnersFor(shipped, 'Wales').map((p) => p.abbreviation ?? p.name)).toEqual(['HMICFRS', 'HIW', 'CIW', 'Estyn']);
      expect(shipped?.provenance.wording).toBe('to-be-confirmed');
    }
    expect(bundledFrameworkFiles().find((f) => f.framework.key === 'hmip-adult-pdu@2021')!.framework.regime.jointInspection).toBeUndefined();
  });
});

describe('checking the inspectorates chosen', () => {
  it('accepts those allowed for the nation, and none at all', () => {
    expect(checkPartnerInspectorates(['police', 'health-e'], base)).toEqual([]);
    expect(checkPartnerInspectorates([], base)).toEqual([]);
  });

  it('refuses one of another nation, naming it and the choices', () => {
    expect(checkPartnerInspectorates(['health-w'], base)).toEqual([
      { field: 'inspectorates', message: 'Welsh Health does not inspect a youth justice service in England: choose from PI and EH' },
    ]);
  });

  it('refuses one the framework does not name', () => {
    expect(checkPartnerInspectorates(['ofsted'], { ...base, nation: 'Wales' })[0]?.message).toBe("'ofsted' is not a partner inspectorate in this framework: choose from PI and Welsh Health");
  });

  it('refuses to drop an inspectorate while one of its inspectors is on the team', () => {
    expect(checkPartnerInspectorates(['police'], { ...base, inspectors: [{ name: 'Asha Patel', inspectorate: 'health-e' }] })).toEqual([
      { field: 'inspectorates', message: 'Remove Asha Patel from the team before removing English Health (EH)' },
    ]);
  });

  it('refuses any choice when the framework has no joint inspections or the nation is not known', () => {
    expect(checkPartnerInspectorates(['police'], { ...base, rule: undefined })[0]?.field).toBe('inspectorates');
    expect(checkPartnerInspectorates(['police'], { ...base, nation: null })[0]?.message).toMatch(/England or Wales/);
  });
});

describe('checking a partner inspector', () => {
  const recorded = rule.partners.slice(0, 2);

  it('accepts a name, one of the inspection\'s inspectorates and an optional email', () => {
    expect(checkPartnerInspector({ name: 'Asha Patel', inspectorate: 'health-e', email: '' }, recorded)).toEqual([]);
    expect(checkPartnerInspector({ name: 'Asha Patel', inspectorate: 'police', email: 'asha.patel@example.gov.uk' }, recorded)).toEqual([]);
  });

  it('names each field with a problem', () => {
    expect(checkPartnerInspector({ name: ' ', inspectorate: '', email: 'not-an-email' }, recorded)).toEqual([
      { field: 'name', message: "Enter the partner inspector's name" },
      { field: 'inspectorate', message: "Select the partner inspector's inspectorate" },
      { field: 'email', message: 'Enter an email address in the correct format, like name@example.gov.uk, or leave it blank' },
    ]);
    expect(checkPartnerInspector({ name: 'x'.repeat(121), inspectorate: 'health-w', email: '' }, recorded).map((e) => e.field)).toEqual(['name', 'inspectorate']);
  });

  it('asks for the inspectorates first when none is recorded', () => {
    expect(checkPartnerInspector({ name: 'Asha Patel', inspectorate: 'police', email: '' }, [])).toEqual([
      { field: 'inspectorate', message: 'Record the partner inspectorates first, then add their inspectors' },
    ]);
  });
});

describe('the report\'s sentence', () => {
  it('names every partner inspectorate, with its abbreviation', () => {
    expect(jointInspectionSentence(rule.partners.slice(0, 1))).toBe('This was a joint inspection with Police Inspectorate (PI).');
    expect(jointInspectionSentence(rule.partners)).toBe('This was a joint inspection with Police Inspectorate (PI), English Health (EH) and Welsh Health.');
    expect(partnerName(rule.partners[2]!)).toBe('Welsh Health');
  });

  it('is absent when no partner is recorded', () => {
    expect(jointInspectionSentence([])).toBeNull();
  });
});
