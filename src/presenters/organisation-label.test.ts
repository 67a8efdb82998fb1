import { describe, expect, it } from 'vitest';
import { bundledFrameworkFiles } from '../reference/frameworks.ts';
import { MIXED_ORGANISATION_LABEL, organisationColumnLabel } from './organisation-label.ts';

const labelOf = (key: string) => bundledFrameworkFiles().find((f) => f.framework.key === key)!.framework.regime.report.organisationLabel;

describe('the label for the organisation inspected, by the inspections listed', () => {
  it('is "Probation Delivery Unit" for PDU inspections only, as before', () => {
    expect(organisationColumnLabel([labelOf('hmip-adult-pdu@2021'), labelOf('hmip-adult-pdu@2021')])).toBe('Probation Delivery Unit');
  });

  it('is the youth files’ label for youth inspections only, under either version', () => {
    expect(organisationColumnLabel([labelOf('hmip-youth@2018'), labelOf('hmip-youth@2021')])).toBe('Youth justice service');
  });

  it('is neutral for a list mixing PDUs and youth justice services, or one whose framework is not known', () => {
    expect(organisationColumnLabel([labelOf('hmip-adult-pdu@2021'), labelOf('hmip-youth@2021')])).toBe(MIXED_ORGANISATION_LABEL);
    expect(organisationColumnLabel([labelOf('hmip-adult-pdu@2021'), undefined])).toBe(MIXED_ORGANISATION_LABEL);
    expect(organisationColumnLabel([])).toBe(MIXED_ORGANISATION_LABEL);
  });
});
