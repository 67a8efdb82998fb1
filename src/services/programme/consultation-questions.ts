// The consultation's questions as a new programme year starts with them: worded as HM Inspectorate
// of Probation words its annual consultation (the letter on the 2022/2023 programme, 18 March
// 2022), with the year filled in. They are stored with the year and can be edited there.
import type { ConsultationSection } from '../../db/schema-programme.ts';
import { SECTION_NAMES } from '../../domain/programme/programme-words.ts';

export interface QuestionTemplate {
  section: ConsultationSection;
  text: string;
  /** What respondents are asked to cover: a line of text, then "- " points. */
  guidance: string | null;
}

export { SECTION_NAMES };

/** "2027/28" → "2027/2028"; the next year "2028/2029". */
export function yearNames(label: string): { year: string; next: string } {
  const first = Number(label.slice(0, 4));
  return { year: `${first}/${first + 1}`, next: `${first + 1}/${first + 2}` };
}

export function defaultQuestions(label: string): QuestionTemplate[] {
  const { year, next } = yearNames(label);
  const alternatives = (as: string, when: string) =>
    [
      'The projects described above are those we intend to conduct unless an exceptional case is made by respondents. Where alternative suggestions are proposed, please outline the following in support of your proposals:',
      `- what is the compelling evidence to suggest your proposal needs to be covered by HM Inspectorate of Probation, as ${as}, in ${when}?`,
      '- if you offer more than one proposal what priority order do your suggestions take and why?',
      '- which project(s) described above would you replace with your proposal(s) and why?',
    ].join('\n');
  return [
    {
      section: 'core',
      text: `Do you agree with our proposed programme of PDU and youth justice service inspections for ${year}? If not, what would you change and why?`,
      guidance: null,
    },
    {
      section: 'core',
      text: 'Are there any other areas of probation or youth justice delivery that are not currently covered by our inspection programme that you believe we should add (should resources be available)?',
      guidance: null,
    },
    { section: 'thematic', text: `Taking into account the criteria above, do you have any alternative proposals for thematic topics for ${year}?`, guidance: alternatives('a thematic', 'this next financial year') },
    {
      section: 'future-thematic',
      text: `Taking into account the criteria above, do you have any alternative proposals for thematic topics for ${next}?`,
      guidance: [
        `We welcome your comments on the relative prioritisation of the topics described above as well as further proposals for thematic topics for ${next}. Please outline the following in support of your proposals:`,
        `- what is the compelling evidence to suggest your proposal needs to be covered by HM Inspectorate of Probation, as a thematic, in ${next}?`,
        '- if you offer more than one proposal what priority order do your suggestions take and why?',
      ].join('\n'),
    },
    {
      section: 'research',
      text: `Taking into account the criteria above, do you have any alternative proposals for research projects in ${year} and/or ${next}?`,
      guidance: alternatives('a research project', 'this next financial year'),
    },
  ];
}
