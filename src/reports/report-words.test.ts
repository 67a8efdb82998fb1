// The report's title, the cover's label for the organisation and the recommendation headings come
// from the framework's regime: the adult words as they always were, the youth words from the youth files.
import { describe, expect, it } from 'vitest';
import { bundledFramework } from '../reference/frameworks.ts';
import { recommendationHeading, reportTitle } from './pdu-report.ts';

const adult = bundledFramework('hmip-adult-pdu@2021').regime;
const youth = bundledFramework('hmip-youth@2021').regime;

describe('the report\'s words, from the framework', () => {
  it('reads for a PDU as the adult report always did', () => {
    expect(reportTitle(adult, 'Leeds')).toBe('An inspection of probation services in Leeds');
    expect(adult.report.organisationLabel).toBe('Probation Delivery Unit');
    expect((['pdu', 'region', 'national'] as const).map((l) => recommendationHeading(adult, l).text)).toEqual([
      'The PDU should', 'The region should', 'HM Prison and Probation Service nationally should',
    ]);
  });

  it('reads for a youth justice service in the youth file\'s words, the unconfirmed headings marked so', () => {
    expect(reportTitle(youth, 'Leeds')).toBe('An inspection of youth justice services in Leeds');
    expect(youth.report.organisationLabel).toBe('Youth justice service');
    expect(recommendationHeading(youth, 'pdu').text).toBe('The youth justice service should');
    expect(recommendationHeading(youth, 'national')).toMatchObject({ text: 'The Youth Justice Board should', provenance: { wording: 'to-be-confirmed' } });
    expect(bundledFramework('hmip-youth@2018').regime.judgementsSection).toBe('Standards judged for the service');
  });
});
