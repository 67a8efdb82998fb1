// How pages mark provisional ratings: a "Provisional" tag with "n of N cases complete" beside it,
// in words, so it is not told by colour alone.
import { casesCompleteText, type RatingsStanding } from '../domain/sign-off/provisional.ts';
import { escapeHtml, renderMacro } from './templates.ts';

const tag = (): string => renderMacro('govuk/components/tag', 'govukTag', { text: 'Provisional', classes: 'govuk-tag--yellow' });

/** The tag and the cases complete, after a rating (with its leading space); nothing once the ratings are final. */
export const provisionalHtml = (standing: RatingsStanding | undefined): string =>
  standing?.provisional ? ` ${tag()} <span class="govuk-body-s">${escapeHtml(casesCompleteText(standing))}</span>` : '';

/** The inset text above a page's ratings while they are provisional, or null. */
export const provisionalNotice = (standing: RatingsStanding): string | null =>
  standing.provisional
    ? `Provisional ratings: ${casesCompleteText(standing)}. The ratings may change until every case is assessed and the lead inspector signs the inspection off.`
    : null;
