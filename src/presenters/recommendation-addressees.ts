// Whom a recommendation is addressed to, as the publication page and the action plan name each
// level: the framework's own recommendation headings without their "should" ("The PDU", "The
// region", "HM Prison and Probation Service nationally"; "The youth justice service", "The Youth
// Justice Board" for the youth file).
import type { Regime } from '../domain/framework/schema.ts';

export type AddresseeLevel = 'pdu' | 'region' | 'national';

export function addresseeNames(regime: Regime): Record<AddresseeLevel, string> {
  const name = (text: string) => text.replace('{organisation}', regime.organisation.singular).replace(/\s+should$/, '');
  return { pdu: name(regime.recommendationsTo.organisation.text), region: name(regime.recommendationsTo.region.text), national: name(regime.recommendationsTo.national.text) };
}
