// Every action the code records, said as a sentence ("Saved case DEMO-004, standard 2.1"), with the
// kind of action it is (for filtering) and so the area whose audit page lists it. One table: a test
// scans the source for action codes and fails on any without a sentence here.
import { describeChanges, type ChangeLine } from './changes.ts';
import { own, count, dateInWords, fieldsOf, isRecord, itemInWords, numberOf, personInWords, roleInWords, startOf, textOf, codeInWords, nameInWords, type AuditWords, type Json } from './words.ts';

/** An audit event as the sentences read it. */
export interface AuditFacts {
  action: string;
  entity: string;
  entityId: string;
  inspectionId: number | null;
  before: Json;
  after: Json;
}

/** Where an event's audit page is: an inspection's, the programme's, national reporting's, or administration's. */
export type AuditArea = 'inspection' | 'programme' | 'national' | 'administration';

export const AUDIT_KINDS = {
  cases: { name: 'Case assessment', area: 'inspection' },
  quality: { name: 'Quality assurance', area: 'inspection' },
  // Named on an inspection's trail by its framework's section (kindName); this is for pages that mix inspections.
  judgements: { name: 'Judgements for the service', area: 'inspection' },
  inspection: { name: 'Inspection, team and sign-off', area: 'inspection' },
  timeline: { name: 'Timeline', area: 'inspection' },
  sample: { name: 'Case sample', area: 'inspection' },
  survey: { name: 'Survey of people on probation', area: 'inspection' },
  report: { name: 'Report writing', area: 'inspection' },
  publication: { name: 'Factual accuracy, embargo and publication', area: 'inspection' },
  'action-plan': { name: 'Action plan', area: 'inspection' },
  registry: { name: 'Registry of services', area: 'programme' },
  cycles: { name: 'PDU inspection cycles', area: 'programme' },
  years: { name: 'Programme years, topics and consultation', area: 'programme' },
  youth: { name: 'Youth justice selections', area: 'programme' },
  national: { name: 'Annual national reports', area: 'national' },
  accounts: { name: 'Accounts and signing in', area: 'administration' },
  reference: { name: 'Reference data', area: 'administration' },
  sfo: { name: 'Serious further offence reviews', area: 'administration' },
} as const satisfies Record<string, { name: string; area: AuditArea }>;

export type AuditKind = keyof typeof AUDIT_KINDS;

interface ActionEntry {
  kind: AuditKind;
  say(e: AuditFacts, w: AuditWords): string;
  /** Fields the sentence already says, left out of the change lines. */
  quiet?(e: AuditFacts): string[];
  /** The states to compare, when the stored ones do not line up field by field. */
  reshape?(e: AuditFacts): { before: Json; after: Json };
}

// Small readers of stored fields: each takes any JSON and gives text.
const a = (e: AuditFacts) => fieldsOf(e.after);
const b = (e: AuditFacts) => fieldsOf(e.before);
/** The case reference of a case event (`<inspection>/<case ref>`). */
const caseRef = (e: AuditFacts) => e.entityId.slice(e.entityId.indexOf('/') + 1) || e.entityId;
const quoted = (v: Json, fallback: string) => {
  const t = textOf(v);
  return t ? `'${startOf(t, 80)}'` : fallback;
};
const mode = (v: Json) => (v === 'complete' ? ' as complete' : v === 'draft' ? ' as a draft' : v === 'overwrite' ? ', saving over another person’s changes' : '');
const REASON_IN_SENTENCE = 120;
const because = (v: Json) => {
  const t = textOf(v);
  return t ? `, reason: ${startOf(t, REASON_IN_SENTENCE)}` : '';
};
/** The reason is left out of the change lines when the sentence gives all of it. */
const reasonSaid = (e: AuditFacts) => ((textOf(a(e).reason)?.length ?? 0) <= REASON_IN_SENTENCE ? ['reason'] : []);
const n = (v: Json) => numberOf(v) ?? (Array.isArray(v) ? v.length : 0);
/** The report section of a report-writing event (`<inspection>:<section>`). */
const section = (e: AuditFacts) => {
  const key = e.entityId.slice(e.entityId.indexOf(':') + 1);
  const standard = /^standard-(.+)$/.exec(key);
  return standard ? `standard ${standard[1]}` : nameInWords(key).toLowerCase();
};
const version = (v: Json) => (numberOf(v) !== undefined ? `version ${numberOf(v)} of ` : '');
const organisation = (e: AuditFacts, w: AuditWords) => {
  const id = numberOf(e.entityId);
  return (id !== undefined && w.organisation(id)) || textOf(b(e).name) || textOf(a(e).name) || `service ${e.entityId}`;
};
/** Domain-one evidence: its kind ("interview evidence") and the item it is for. */
const evidenceKind = (v: Json) => (textOf(v) ? `${nameInWords(textOf(v)!).toLowerCase()} ` : '');
const evidenceItem = (e: AuditFacts, w: AuditWords) => {
  const id = textOf(a(e).item) ?? textOf(b(e).item) ?? textOf(a(e).standard);
  return id ? (itemInWords(w, id) ?? id) : 'domain one';
};
const RECOMMENDATION_FOR: Record<string, string> = { pdu: 'the PDU', region: 'the region', national: 'national bodies' };

const REPORT_STEPS: Record<string, (e: AuditFacts) => string> = {
  draft: () => 'Took the report back to a draft',
  'factual-accuracy': () => 'Sent the draft report to the service for the factual accuracy check',
  embargoed: (e) => `Embargoed the report until its publication on ${dateInWords(a(e).publishOn) || 'the date set'}`,
  published: (e) => `Published the report${textOf(a(e).publishOn) ? ` on ${dateInWords(a(e).publishOn)}` : ''}`,
};

export const ACTION_SENTENCES: Record<string, ActionEntry> = {
  // Case assessment
  'case.standard-saved': { kind: 'cases', say: (e) => `Saved case ${caseRef(e)}, standard ${textOf(a(e).standard) ?? textOf(b(e).standard) ?? '(unknown)'}${mode(a(e).mode)}`, quiet: () => ['standard', 'mode'] },
  'case.assigned': { kind: 'cases', say: (e, w) => (a(e).userId == null ? `Took case ${caseRef(e)} off everyone’s list` : `Assigned case ${caseRef(e)} to ${personInWords(w, a(e).userId)}`) },
  'assessments.imported': { kind: 'cases', say: (e) => `Imported the assessments of ${count(n(a(e).cases), 'case')} from a ${(textOf(a(e).format) ?? 'file').toUpperCase()} file` },
  'assessments.saved': { kind: 'cases', say: (e) => `Saved the assessments of ${count(n(a(e).cases), 'case')}` },
  'assessments.generated': { kind: 'cases', say: (e) => `Generated demonstration assessments of ${count(n(a(e).cases), 'case')}` },

  // Quality assurance
  'qa.dip-sample-drawn': { kind: 'quality', say: (e) => `Drew the quality assurance dip sample: ${count(n(a(e).cases), 'case')}` },
  'qa.second-assessor-assigned': { kind: 'quality', say: (e, w) => (a(e).userId == null ? `Removed the second assessor of case ${caseRef(e)}` : `Made ${personInWords(w, a(e).userId)} the second assessor of case ${caseRef(e)}`) },
  'qa.second-assessment-saved': { kind: 'quality', say: (e) => `Saved the second assessment of case ${caseRef(e)}, standard ${textOf(a(e).standard) ?? '(unknown)'}${mode(a(e).mode)}`, quiet: () => ['standard', 'mode'] },
  'qa.second-assessment-submitted': { kind: 'quality', say: (e) => `Submitted the second assessment of case ${caseRef(e)}` },
  'qa.disagreement-settled': {
    kind: 'quality',
    say: (e, w) => {
      const item = Object.keys(a(e)).find((k) => k !== 'reason');
      return `Settled a disagreement on case ${caseRef(e)}${item ? `, ${itemInWords(w, item) ?? item}` : ''}${because(a(e).reason)}`;
    },
    quiet: reasonSaid,
    // Stored as { item: first, second } → { item: settled, reason }: one line, both judgements → the settled one.
    reshape: (e) => {
      const item = Object.keys(a(e)).find((k) => k !== 'reason');
      if (!item) return { before: e.before, after: e.after };
      const first = textOf(b(e)[item]);
      const second = textOf(b(e).second);
      return {
        before: { [item]: `first assessment ${codeInWords(first ?? 'none')}, second assessment ${codeInWords(second ?? 'none')}` },
        after: { [item]: `settled as ${codeInWords(textOf(a(e)[item]) ?? 'none')}`, reason: a(e).reason },
      };
    },
  },

  // Domain one and diversity
  'judgement.recorded': {
    kind: 'judgements',
    say: (e, w) => {
      const id = e.entityId.slice(e.entityId.indexOf('/') + 1);
      const rating = textOf(a(e).rating);
      return `Rated ${itemInWords(w, id) ?? id}${rating ? ` ${rating}` : ''}`;
    },
  },

  'domain-one-evidence.recorded': { kind: 'judgements', say: (e, w) => `Recorded ${evidenceKind(a(e).kind)}evidence for ${evidenceItem(e, w)}` },
  'domain-one-evidence.changed': { kind: 'judgements', say: (e, w) => `Changed ${evidenceKind(a(e).kind ?? b(e).kind)}evidence for ${evidenceItem(e, w)}` },
  'domain-one-evidence.withdrawn': { kind: 'judgements', say: (e, w) => `Withdrew ${evidenceKind(b(e).kind)}evidence for ${evidenceItem(e, w)}${because(a(e).reason)}`, quiet: reasonSaid },
  'domain-one-evidence.writer-allowed': { kind: 'judgements', say: (e, w) => `Allowed ${personInWords(w, a(e).userId)} to record domain one evidence` },
  'domain-one-evidence.writer-removed': { kind: 'judgements', say: (e, w) => `Stopped ${personInWords(w, b(e).userId)} recording domain one evidence` },

  // The inspection, its team and sign-off
  'inspection.created': { kind: 'inspection', say: (e) => `Created the inspection${textOf(a(e).title) ? ` ${quoted(a(e).title, '')}` : ''}` },
  'inspection.created-from-booking': { kind: 'inspection', say: (e) => `Created the inspection from a booking of the PDU cycle${textOf(a(e).week) ? ` (fieldwork the week of ${dateInWords(a(e).week)})` : ''}` },
  'inspection.created-from-youth-selection': {
    kind: 'inspection',
    say: (e) => `Created the inspection of ${textOf(a(e).service) ? quoted(a(e).service, '') : 'a youth justice service'} from the youth selection${textOf(a(e).fieldworkStart) ? ` (fieldwork from ${dateInWords(a(e).fieldworkStart)})` : ''}`,
  },
  'inspection.member-added': { kind: 'inspection', say: (e, w) => `Added ${personInWords(w, a(e).userId)} to the team as ${roleInWords(a(e).role)}` },
  'inspection.member-set': {
    kind: 'inspection',
    say: (e, w) =>
      e.before == null
        ? `Added ${personInWords(w, a(e).userId)} to the team as ${roleInWords(a(e).role)}`
        : `Made ${personInWords(w, a(e).userId)} ${roleInWords(a(e).role)} on the team (was ${roleInWords(b(e).role)})`,
  },
  'inspection.member-removed': { kind: 'inspection', say: (e, w) => `Removed ${personInWords(w, b(e).userId)} from the team` },
  'inspection.partner-inspectorates-set': {
    kind: 'inspection',
    say: (e) => {
      const names = Array.isArray(a(e).inspectorates) ? (a(e).inspectorates as Json[]).map((x) => textOf(x) ?? '').filter(Boolean) : [];
      return names.length ? `Recorded a joint inspection with ${names.join(', ')}` : 'Recorded that no partner inspectorate inspects alongside';
    },
  },
  'inspection.partner-inspector-added': {
    kind: 'inspection',
    say: (e) => `Added partner inspector ${textOf(a(e).name) ?? '(unnamed)'}${textOf(a(e).inspectorate) ? ` (${textOf(a(e).inspectorate)})` : ''} to the team`,
    quiet: () => ['name', 'inspectorate'],
  },
  'inspection.partner-inspector-removed': {
    kind: 'inspection',
    say: (e) => `Removed partner inspector ${textOf(b(e).name) ?? '(unnamed)'}${textOf(b(e).inspectorate) ? ` (${textOf(b(e).inspectorate)})` : ''} from the team`,
  },
  'inspection.signed-off': { kind: 'inspection', say: () => 'Signed off the inspection' },
  'inspection.reopened': { kind: 'inspection', say: (e) => `Reopened the inspection${because(a(e).reason)}`, quiet: reasonSaid },
  'timeline.milestone-done': {
    kind: 'timeline',
    say: (e) => `Recorded that ${quoted(a(e).name, 'a milestone')} happened on ${dateInWords(a(e).on) || 'no date'}${e.before == null ? '' : ` (recorded before as ${dateInWords(b(e).on) || 'no date'})`}`,
    quiet: () => ['milestone', 'name', 'on'],
  },
  'timeline.milestone-moved': {
    kind: 'timeline',
    say: (e) => `Moved the milestone ${quoted(a(e).milestone ?? b(e).milestone, 'of the timeline')} from ${dateInWords(b(e).date) || 'no date'} to ${dateInWords(a(e).date) || 'no date'}${because(a(e).reason)}`,
    quiet: (e) => ['milestone', 'date', ...reasonSaid(e)],
  },

  // The case sample
  'caseload.uploaded': { kind: 'sample', say: (e) => `Uploaded the service’s caseload${textOf(a(e).caseType) ? ` of ${textOf(a(e).caseType)!.replace(/-/g, ' ')} cases` : ''}: ${count(n(a(e).cases), 'case')}` },
  'sample.window-set': { kind: 'sample', say: (e) => `Set the sample window: ${dateInWords(a(e).start) || 'no start'} to ${dateInWords(a(e).end) || 'no end'}` },
  'sample.method-set': { kind: 'sample', say: (e) => `Set the sampling method${textOf(a(e).method) ? `: ${codeInWords(textOf(a(e).method)!)}` : ''}` },
  'sample.confirmed': { kind: 'sample', say: () => 'Confirmed the case sample' },
  'sample.publication-recorded': { kind: 'sample', say: (e) => `Recorded the report’s publication date: ${dateInWords(a(e).publishedOn) || 'none'}` },
  'case-links.deleted': { kind: 'sample', say: (e) => `Deleted the links between the sampled cases and the service’s records (${count(n(b(e).links), 'link')})` },

  // The survey of people on probation
  'survey.contacts-uploaded': { kind: 'survey', say: (e) => `Uploaded the survey’s contact list: ${count(n(a(e).people), 'person', 'people')}` },
  'survey.sent': { kind: 'survey', say: (e) => `Opened the survey, texting ${count(n(a(e).people), 'person', 'people')}` },
  'survey.closed': { kind: 'survey', say: () => 'Closed the survey' },
  'survey.held-reply-deleted': { kind: 'survey', say: (e) => `Deleted a text reply held since ${dateInWords(b(e).heldAt) || 'an unknown day'} after ${count(n(b(e).attempts), 'failed try', 'failed tries')}: kept no longer than ${count(n(a(e).retentionDays), 'day')}`, quiet: () => ['heldAt', 'attempts', 'retentionDays'] },
  'survey.interview-noted': { kind: 'survey', say: (e) => `Noted a follow-up interview with respondent ${textOf(a(e).respondent) ?? '(unknown)'}` },
  'survey.follow-up-texted': { kind: 'survey', say: (e) => `Texted respondent ${textOf(a(e).respondent) ?? '(unknown)'} to arrange a follow-up` },
  'survey.reply': { kind: 'survey', say: (e) => `Received a survey reply${textOf(a(e).event) ? ` (${nameInWords(textOf(a(e).event)!).toLowerCase()})` : ''}` },

  // Writing the report
  'report.text-saved': { kind: 'report', say: () => 'Saved the report’s foreword and overall findings' },
  'report.recommendation-added': { kind: 'report', say: (e) => `Added a recommendation for ${own(RECOMMENDATION_FOR, textOf(a(e).addressedTo) ?? '') ?? 'the service'}` },
  'report.recommendation-removed': { kind: 'report', say: () => 'Removed a recommendation' },
  'report.section-saved': { kind: 'report', say: (e) => `Saved ${version(a(e).version)}the report’s ${section(e)}${a(e).approved === true ? ', approved' : ''}` },
  'report.section-approved': { kind: 'report', say: (e) => `Approved ${version(a(e).version)}the report’s ${section(e)}` },
  'report.writer-named': { kind: 'report', say: (e) => `Named ${textOf(a(e).writer) ?? 'an inspector'} a writer of the report` },
  'report.writer-removed': { kind: 'report', say: (e) => `Removed ${textOf(b(e).writer) ?? 'an inspector'} from the report’s writers` },

  // Factual accuracy, embargo and publication
  'report.status-changed': {
    kind: 'publication',
    say: (e) => own(REPORT_STEPS, textOf(a(e).status) ?? '')?.(e) ?? `Moved the report from ${codeInWords(textOf(b(e).status) ?? 'its stage')} to ${codeInWords(textOf(a(e).status) ?? 'another stage')}`,
  },
  'report.comment-added': { kind: 'publication', say: (e) => `Commented on the draft report${textOf(a(e).section) ? ` (${startOf(textOf(a(e).section)!, 60)})` : ''}` },
  'report.comment-decided': { kind: 'publication', say: (e) => `${a(e).decision === 'accepted' ? 'Accepted' : a(e).decision === 'rejected' ? 'Rejected' : 'Decided'} a factual accuracy comment${because(a(e).reason)}`, quiet: reasonSaid },
  'report.embargo-recipient-added': { kind: 'publication', say: (e) => `Named ${textOf(a(e).name) ?? 'a recipient'}${textOf(a(e).organisation) ? ` (${textOf(a(e).organisation)})` : ''} to receive the embargoed copy` },
  'report.embargoed-copy-queued': { kind: 'publication', say: (e) => `Queued the embargoed copy to ${textOf(a(e).recipient) ?? 'a recipient'}` },
  'report.embargoed-copy-sent': { kind: 'publication', say: (e) => `Emailed the embargoed copy${textOf(a(e).reference) ? ` (reference ${textOf(a(e).reference)})` : ''}` },
  'report.embargoed-copy-failed': { kind: 'publication', say: (e) => `Could not email the embargoed copy${textOf(a(e).reference) ? ` (reference ${textOf(a(e).reference)})` : ''}${because(a(e).reason)}`, quiet: reasonSaid },
  'report.embargoed-copy-opened': { kind: 'publication', say: (e) => `${textOf(a(e).recipient) ?? 'A recipient'} opened the embargoed copy` },
  'report.embargoed-copy-refused': { kind: 'publication', say: (e) => `Refused the embargoed copy: the email address given did not match${numberOf(a(e).wrongAddresses) ? ` (${count(n(a(e).wrongAddresses), 'wrong address', 'wrong addresses')} so far)` : ''}` },
  'report.embargoed-copies-withdrawn': { kind: 'publication', say: (e) => `Withdrew the embargoed copies: ${count(n(a(e).links), 'link')} closed, ${count(n(a(e).emailsCancelled), 'email')} not sent${because(a(e).reason)}`, quiet: reasonSaid },

  // The action plan
  'action-plan.response-recorded': { kind: 'action-plan', say: () => 'Answered a recommendation in the action plan' },
  'action-plan.progress-recorded': { kind: 'action-plan', say: () => 'Reported progress on a recommendation' },
  'action-plan.recommendation-reviewed': { kind: 'action-plan', say: (e) => `Reviewed a recommendation of the previous inspection${textOf(a(e).outcome) ? `: ${codeInWords(textOf(a(e).outcome)!)}` : ''}` },

  // The programme: registry, cycles, years, topics, consultation, youth selections
  'programme-registry.loaded': { kind: 'registry', say: (e) => `Loaded the registry: ${count(n(a(e).namesAdded), 'name')} added, ${count(n(a(e).youthServices), 'youth justice service')}` },
  'organisation.renamed': { kind: 'registry', say: (e) => `Renamed ${textOf(b(e).name) ?? 'a service'} ${quoted(a(e).name, '')} from ${dateInWords(a(e).effectiveFrom) || 'today'}` },
  'organisation.rename-scheduled': { kind: 'registry', say: (e) => `Scheduled ${textOf(b(e).name) ?? 'a service'} to be renamed ${quoted(a(e).name, '')} on ${dateInWords(a(e).effectiveFrom) || 'a later date'}` },
  'organisation.rename-took-effect': { kind: 'registry', say: (e) => `${textOf(b(e).name) ?? 'A service'} took its new name ${quoted(a(e).name, '')}` },
  'organisation.rename-cancelled': { kind: 'registry', say: (e) => `Cancelled renaming ${textOf(a(e).name) ?? 'a service'} ${quoted(b(e).name, '')}` },
  'organisation.inspection-recorded': { kind: 'registry', say: (e, w) => `Recorded an inspection result for ${organisation(e, w)}` },
  'organisation.inspection-corrected': { kind: 'registry', say: (e, w) => `Corrected an inspection result of ${organisation(e, w)}` },
  'organisation.inspection-withdrawn': { kind: 'registry', say: (e, w) => `Withdrew an inspection result of ${organisation(e, w)}${because(a(e).reason)}`, quiet: reasonSaid },
  'organisation.intelligence-recorded': { kind: 'registry', say: (e, w) => `Recorded intelligence on ${organisation(e, w)}` },
  'programme-cycle.created': { kind: 'cycles', say: (e) => `Planned the PDU inspection cycle ${quoted(a(e).title, `${e.entityId}`)}` },
  'programme-cycle.pinned': { kind: 'cycles', say: (e) => `Changed the PDU cycle${textOf(a(e).change) ? `: ${startOf(textOf(a(e).change)!, 140)}` : ''}` },
  'programme-cycle.unpinned': { kind: 'cycles', say: (e) => `Changed the PDU cycle${textOf(a(e).change) ? `: ${startOf(textOf(a(e).change)!, 140)}` : ''}` },
  'programme-cycle.exclusion-added': { kind: 'cycles', say: (e) => `Changed the PDU cycle${textOf(a(e).change) ? `: ${startOf(textOf(a(e).change)!, 140)}` : ''}` },
  'programme-cycle.exclusion-removed': { kind: 'cycles', say: (e) => `Changed the PDU cycle${textOf(a(e).change) ? `: ${startOf(textOf(a(e).change)!, 140)}` : ''}` },
  'programme-cycle.settings-changed': { kind: 'cycles', say: (e) => `Changed the PDU cycle’s settings${textOf(a(e).change) ? `: ${startOf(textOf(a(e).change)!, 140)}` : ''}` },
  'programme-year.created': { kind: 'years', say: (e) => `Created the programme year ${textOf(a(e).label) ?? e.entityId}` },
  'programme-year.settings-changed': { kind: 'years', say: () => 'Changed the settings of a programme year' },
  'programme-topic.added': { kind: 'years', say: (e) => `Added the topic ${quoted(a(e).title, 'to the programme year')}` },
  'programme-topic.changed': { kind: 'years', say: (e) => `Changed the topic ${quoted(a(e).title ?? b(e).title, 'of the programme year')}` },
  'programme-topic.removed': { kind: 'years', say: (e) => `Removed the topic ${quoted(b(e).title, 'from the programme year')}` },
  'consultation-question.added': { kind: 'years', say: (e) => `Added a consultation question${textOf(a(e).text) ? `: ${quoted(a(e).text, '')}` : ''}` },
  'consultation-question.changed': { kind: 'years', say: (e) => `Changed a consultation question${textOf(a(e).text) ? `: ${quoted(a(e).text, '')}` : ''}` },
  'consultation-question.removed': { kind: 'years', say: (e) => `Removed a consultation question${textOf(b(e).text) ? `: ${quoted(b(e).text, '')}` : ''}` },
  'consultation-response.recorded': { kind: 'years', say: (e) => `Recorded a consultation response${textOf(a(e).respondent) ? ` from ${textOf(a(e).respondent)}` : ''}` },
  'youth-selection.made': { kind: 'youth', say: (e) => `Made the youth justice selection ${quoted(a(e).title, e.entityId)}` },

  // National reporting
  'annual-report.cut-taken': { kind: 'national', say: (e) => `Took the data cut for the annual report${textOf(a(e).year) ? ` of ${textOf(a(e).year)}` : ''}` },
  'annual-report.foreword-saved': { kind: 'national', say: () => 'Saved the annual report’s foreword' },
  'annual-report.publication-set': { kind: 'national', say: (e) => `Set the annual report to be published on ${dateInWords(a(e).publishOn) || 'a date'}` },

  // Accounts and reference data
  'user.created': { kind: 'accounts', say: (e) => `Created the account of ${textOf(a(e).displayName) ?? 'a person'} (${roleInWords(a(e).role)})` },
  'user.enabled': { kind: 'accounts', say: (e) => `Enabled the account of ${textOf(a(e).displayName) ?? textOf(b(e).displayName) ?? 'a person'}` },
  'user.disabled': { kind: 'accounts', say: (e) => `Disabled the account of ${textOf(a(e).displayName) ?? textOf(b(e).displayName) ?? 'a person'}` },
  'user.role-changed': { kind: 'accounts', say: (e) => `Changed the role of ${textOf(a(e).displayName) ?? 'a person'} from ${roleInWords(b(e).role)} to ${roleInWords(a(e).role)}` },
  'user.signed-in': { kind: 'accounts', say: (e) => `Signed in${a(e).method === 'openid-connect' ? ' with single sign-on' : a(e).method === 'password' ? ' with a password' : ''}`, quiet: () => ['method'] },
  'user.single-sign-on-linked': { kind: 'accounts', say: () => 'Linked the account to single sign-on' },
  'sfo-framework.loaded': { kind: 'sfo', say: (e) => `Loaded the serious further offence review framework ${quoted(a(e).title, e.entityId)}` },
  'sfo-register.imported': { kind: 'sfo', say: (e) => `Imported the register of serious further offence reviews: ${count(n(a(e).reviews), 'review')}` },
  'sfo-review.added': { kind: 'sfo', say: (e) => `Added review ${textOf(a(e).reviewRef) ?? e.entityId} to the register of serious further offence reviews` },
  'sfo-review-document.uploaded': { kind: 'sfo', say: (e) => `Attached the document ${quoted(a(e).fileName, '')} to SFO review ${textOf(a(e).reviewRef) ?? e.entityId}` },
  'sfo-review-document.replaced': { kind: 'sfo', say: (e) => `Replaced the document of SFO review ${textOf(a(e).reviewRef) ?? e.entityId} (${quoted(b(e).fileName, '')} kept as an earlier version) with ${quoted(a(e).fileName, '')}` },
  'sfo-review-document.downloaded': { kind: 'sfo', say: (e) => `Downloaded the document ${quoted(a(e).fileName, '')} of SFO review ${textOf(a(e).reviewRef) ?? e.entityId}${a(e).current === false ? ' (an earlier version)' : ''}` },
  'sfo-sample.drawn': { kind: 'sfo', say: (e) => `Drew a sample of serious further offence reviews: ${count(n(a(e).selected), 'review')}` },
  'sfo-sample.review-added': { kind: 'sfo', say: (e) => `Added review ${textOf(a(e).reviewRef) ?? '(unknown)'} to the serious further offence sample${because(a(e).reason)}`, quiet: reasonSaid },
  'sfo-sample.review-removed': { kind: 'sfo', say: (e) => `Removed review ${textOf(a(e).reviewRef) ?? '(unknown)'} from the serious further offence sample${because(a(e).reason)}`, quiet: reasonSaid },
  'sfo-assessment.assigned': { kind: 'sfo', say: (e, w) => `Assigned review ${textOf(a(e).reviewRef) ?? '(unknown)'} to ${personInWords(w, a(e).inspectorId)} for quality assurance` },
  'sfo-assessment.saved': { kind: 'sfo', say: (e) => `Saved a draft quality assurance of SFO review assessment ${e.entityId}` },
  'sfo-assessment.submitted': { kind: 'sfo', say: (e) => `Submitted the quality assurance of SFO review assessment ${e.entityId}` },
  'sfo-assessment.flags-acknowledged': { kind: 'sfo', say: (e) => `Acknowledged the framework's consistency flags on SFO review assessment ${e.entityId}${because(a(e).reason)}`, quiet: reasonSaid },
  'sfo-moderation.drawn': { kind: 'sfo', say: (e) => `Drew the second readings of an SFO sample: ${count(n(a(e).drawn), 'review')}` },
  'sfo-moderation.reader-assigned': { kind: 'sfo', say: (e, w) => `Made ${personInWords(w, a(e).readerId)} the second reader of SFO review assessment ${e.entityId}` },
  'sfo-moderation.second-reading-saved': { kind: 'sfo', say: (e) => `Saved a draft second reading of SFO review assessment ${e.entityId}` },
  'sfo-moderation.second-reading-submitted': { kind: 'sfo', say: (e) => `Submitted the second reading of SFO review assessment ${e.entityId}` },
  'sfo-moderation.settled': { kind: 'sfo', say: (e) => `Settled a disagreement on SFO review assessment ${e.entityId}: ${textOf(a(e).rating) ?? '(no rating)'}${because(a(e).reason)}`, quiet: reasonSaid },
  'sfo-sample.signed-off': { kind: 'sfo', say: (e) => `Signed off SFO sample ${e.entityId}: ${count(n(a(e).assessments), 'assessment')}` },
  'sfo-sample.released': { kind: 'sfo', say: (e) => `Released the feedback of SFO sample ${e.entityId} to the regions` },
  'sfo-feedback.action-added': { kind: 'sfo', say: (e) => `Added the region's action ${quoted(a(e).action, '')} to the feedback on SFO review assessment ${e.entityId}` },
  'sfo-panel.recorded': { kind: 'sfo', say: (e) => `Recorded a learning panel${textOf(a(e).heldOn) ? ` held on ${dateInWords(a(e).heldOn)}` : ''}` },
  'sfo-panel.edited': { kind: 'sfo', say: (e) => `Edited learning panel ${e.entityId}${textOf(a(e).title) ? ` ${quoted(a(e).title, '')}` : ''}` },
  'sfo-panel.action-added': { kind: 'sfo', say: (e) => `Added an action to learning panel ${e.entityId}${textOf(a(e).owner) ? ` for ${textOf(a(e).owner)}` : ''}` },
  'sfo-panel.action-changed': { kind: 'sfo', say: (e) => `Moved an action of learning panel ${e.entityId} from ${textOf(b(e).state) ?? '(unknown)'} to ${textOf(a(e).state) ?? '(unknown)'}` },
  'sfo-panel.action-edited': { kind: 'sfo', say: (e) => `Changed an action of learning panel ${e.entityId}${textOf(a(e).owner) ? ` (owner ${textOf(a(e).owner)})` : ''}` },
  'sfo-annual-report.draft-started': { kind: 'sfo', say: (e) => `Started the draft annual SFO report for ${e.entityId}` },
  'sfo-annual-report.draft-saved': { kind: 'sfo', say: (e) => `Saved the draft annual SFO report for ${e.entityId}` },
  'sfo-annual-report.published': { kind: 'sfo', say: (e) => `Published the annual SFO report for ${e.entityId}: ${count(n(a(e).reviews), 'review')}` },
  'framework.text-replaced': { kind: 'reference', say: (e) => `Replaced the stored text of framework ${e.entityId} with the shipped one${textOf(a(e).note) ? ` (${textOf(a(e).note)})` : ''}`, quiet: () => ['note'] },
  'reference-data.loaded': { kind: 'reference', say: (e) => `Loaded the reference data: ${count(n(a(e).frameworksAdded), 'framework')} and ${count(n(a(e).organisationsAdded), 'organisation')} added` },
};

/** The event as a sentence; an action this table does not know is still said in words. */
export function sentenceOf(e: AuditFacts, words: AuditWords): string {
  const entry = own(ACTION_SENTENCES, e.action);
  if (!entry) return `${nameInWords(e.action.replace(/\./g, ' '))} (${nameInWords(e.entity).toLowerCase()} ${e.entityId})`;
  try {
    return entry.say(e, words);
  } catch {
    // A stored event of an unexpected shape still gets a line: what it was, and to which record.
    return `${nameInWords(e.action.replace(/\./g, ' '))} (${nameInWords(e.entity).toLowerCase()} ${e.entityId})`;
  }
}

/** What the event changed, line by line, less what its sentence already says. */
export function changesOf(e: AuditFacts, words: AuditWords): ChangeLine[] {
  const entry = own(ACTION_SENTENCES, e.action);
  let states = { before: e.before, after: e.after };
  let quiet: string[] = [];
  try {
    if (entry?.reshape) states = entry.reshape(e);
    quiet = entry?.quiet?.(e) ?? [];
  } catch {
    // An event of an unexpected shape is shown as stored.
  }
  const drop = (v: Json) => (isRecord(v) && quiet.length ? Object.fromEntries(Object.entries(v).filter(([k]) => !quiet.includes(k))) : v);
  return describeChanges(drop(states.before), drop(states.after), words);
}

/** The actions of a kind, and those listed on an area's audit page. */
export const actionsOfKind = (kind: AuditKind): string[] => Object.keys(ACTION_SENTENCES).filter((action) => ACTION_SENTENCES[action]!.kind === kind);
export const kindsOfArea = (area: AuditArea): AuditKind[] => (Object.keys(AUDIT_KINDS) as AuditKind[]).filter((k) => AUDIT_KINDS[k].area === area);
export const actionsOfArea = (area: AuditArea): string[] => kindsOfArea(area).flatMap(actionsOfKind);
/**
 * A kind's name on one inspection's trail: the judgements kind by the section its framework names
 * ("Domain one and diversity ratings" for the adult 2021 file, "Standards judged for the service
 * ratings" for the youth files); every other kind by its own name.
 */
export const kindName = (kind: AuditKind, judgementsSection?: string): string =>
  kind === 'judgements' && judgementsSection ? `${judgementsSection} ratings` : AUDIT_KINDS[kind].name;
export const isAuditKind = (v: string): v is AuditKind => Object.hasOwn(AUDIT_KINDS, v);
