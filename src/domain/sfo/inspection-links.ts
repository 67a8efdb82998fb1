// Where a PDU inspection meets SFO review QA: the domain-one standards whose prompts are about
// learning from Serious Further Offences, found in the framework by their text (never by id): a
// key question with a prompt that names SFOs (the regional standards' "Does the region
// systematically learn from things that go wrong including SFOs?"), and every domain-one key
// question with the same wording, PDU or regional. Pure.
import type { Framework } from '../framework/framework.ts';

/** Text that names Serious Further Offences. */
export const SFO_TEXT = /\bSFOs?\b|\bserious further offen[cs]es?\b/i;

export interface SfoPrompt {
  id: string;
  text: string;
  /** Whose standards it belongs to: the PDU's, or the regional ones the contextual review uses. */
  scope: 'pdu' | 'regional';
  keyQuestionId: string;
}

export interface SfoLearningLink {
  standardId: string;
  /** The standard's key questions that the SFO prompts sit under, or share their wording. */
  keyQuestions: { id: string; text: string }[];
  prompts: SfoPrompt[];
}

type KeyQuestionLike = { id: string; text: string; prompts: readonly { id: string; text: string }[] };
type StandardLike = { id: string; keyQuestions: readonly KeyQuestionLike[] };

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** The domain-one standards the SFO QA results bear on, by standard id, from the framework's own text. */
export function sfoLearningLinks(framework: Pick<Framework, 'definition' | 'judgementStandards'>): Map<string, SfoLearningLink> {
  const regional = (framework.definition.regionalStandards?.standards ?? []) as readonly StandardLike[];
  const pdu = framework.judgementStandards as readonly StandardLike[];
  const prompts: SfoPrompt[] = [];
  const wordings = new Set<string>();
  for (const [scope, standards] of [['pdu', pdu], ['regional', regional]] as const)
    for (const s of standards)
      for (const kq of s.keyQuestions) {
        const named = kq.prompts.filter((p) => SFO_TEXT.test(p.text));
        if (!named.length && !SFO_TEXT.test(kq.text)) continue;
        wordings.add(norm(kq.text));
        prompts.push(...named.map((p) => ({ id: p.id, text: p.text, scope, keyQuestionId: kq.id })));
      }
  const links = new Map<string, SfoLearningLink>();
  for (const s of pdu) {
    const keyQuestions = s.keyQuestions.filter((kq) => wordings.has(norm(kq.text))).map((kq) => ({ id: kq.id, text: kq.text }));
    if (keyQuestions.length) links.set(s.id, { standardId: s.id, keyQuestions, prompts });
  }
  return links;
}
