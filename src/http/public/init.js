// Progressive enhancement only: every page works without JavaScript.
import { initAll as initGovuk } from '/assets/govuk-frontend.min.js';
import { initAll as initMoj } from '/assets/moj-frontend.mjs';

initGovuk();
initMoj();
