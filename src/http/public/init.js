// Progressive enhancement only: every page works without JavaScript.
import { initAll } from '/assets/govuk-frontend.min.js';

initAll();
