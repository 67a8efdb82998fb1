// The confirmation after a save (the GOV.UK success banner): the redirect after a successful POST
// names what was done (?flash=KEY) and the page it lands on shows the words for it (flash.njk).
// Only these keys are shown, so no link can put words of its own on a page.
const FLASH = {
  'response-saved': 'Your response to the recommendation has been saved.',
  'progress-saved': 'The progress note has been saved.',
  'outcome-saved': 'The outcome of the previous recommendation has been saved.',
  'role-changed': 'The role has been changed.',
  'account-enabled': 'The account can sign in again.',
  'account-disabled': 'The account has been disabled: it can no longer sign in.',
  'judgement-saved': 'The rating and rationale have been saved.',
  'member-added': 'The person has been added to the team.',
  'member-removed': 'The person has been removed from the team.',
  'assignments-saved': 'The case assignments have been saved.',
  'signed-off': 'The inspection is signed off: its assessments and ratings are locked.',
  'reopened': 'The inspection has been reopened.',
  'foreword-saved': 'The foreword has been saved.',
  'publication-saved': 'The publication date has been saved.',
  'report-saved': 'The report has been saved.',
  'dip-sample-drawn': 'The dip sample has been drawn.',
  'second-assessor-saved': 'The second assessor has been saved.',
  'disagreement-settled': 'The disagreement has been settled.',
  'second-saved': 'Your second assessment has been saved.',
  'second-submitted': 'Your second assessment has been submitted.',
  'service-saved': 'The service has been saved.',
  'result-saved': 'The inspection result has been saved.',
  'year-saved': 'The programme year has been saved.',
  'topic-saved': 'The topic has been saved.',
  'question-saved': 'The consultation question has been saved.',
  'question-removed': 'The consultation question has been removed.',
  'rename-saved': 'The new name has been saved.',
  'rename-cancelled': 'The rename has been cancelled.',
  'result-withdrawn': 'The inspection result has been withdrawn.',
  'intelligence-saved': 'The intelligence has been saved.',
  'topic-removed': 'The topic has been removed.',
  'report-created': 'The annual report has been made from a new data cut.',
  'recommendations-saved': 'The recommendations have been saved.',
  'status-changed': 'The report has moved on to its next stage.',
  'comment-sent': 'Your comment has been sent to the lead inspector.',
  'recipients-saved': 'The recipients of the embargoed copy have been saved.',
  'decision-saved': 'Your answer to the comment has been saved.',
  'partners-saved': 'The partner inspectorates have been saved.',
  'partner-inspector-added': 'The partner inspector has been added to the team.',
  'partner-inspector-removed': 'The partner inspector has been removed from the team.',
} satisfies Record<string, string>;

export type FlashKey = keyof typeof FLASH;

export const flashMessage = (key: string | undefined): string | undefined => (key && Object.hasOwn(FLASH, key) ? FLASH[key as FlashKey] : undefined);

/** `path` with ?flash=KEY added (before any #fragment). */
export function withFlash(path: string, key: FlashKey): string {
  const [base, hash] = path.split('#', 2) as [string, string | undefined];
  return `${base}${base.includes('?') ? '&' : '?'}flash=${encodeURIComponent(key)}${hash !== undefined ? `#${hash}` : ''}`;
}
