// The programme's names for the things a planner picks, in the inspectorate's own words, and the
// one key a cycle's booking is known by (in links, forms and the inspection made from it).
import type { Booking } from './cycle-types.ts';
import { RESEARCH_CRITERIA, THEMATIC_CRITERIA, type Criterion } from './thematic-topics.ts';

export const TOPIC_KINDS = ['fieldwork', 'desktop', 'research'] as const;
export type TopicKindInput = (typeof TOPIC_KINDS)[number];
export const TOPIC_KIND_NAMES: Record<TopicKindInput, string> = {
  fieldwork: 'Thematic inspection with fieldwork',
  desktop: 'Thematic desktop exercise',
  research: 'Research project',
};

/** The criteria a topic for this kind of slot is scored on. */
export const criteriaFor = (slot: TopicKindInput): readonly Criterion[] => (slot === 'research' ? RESEARCH_CRITERIA : THEMATIC_CRITERIA);

/** The consultation's sections, as the annual consultation letter heads them. */
export const SECTION_NAMES: Record<'core' | 'thematic' | 'future-thematic' | 'research', string> = {
  core: 'Core inspection programme',
  thematic: 'Thematic inspections',
  'future-thematic': 'Future thematic proposals',
  research: 'Research projects',
};

/** A booking's key: its kind and PDU, or a fact-finding visit's region and year. */
export const bookingId = (b: Booking) => (b.kind === 'fact-finding' ? `fact-finding|${b.region}|${b.year}` : `${b.kind}|${b.pdu}`);
