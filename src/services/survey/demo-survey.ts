// The survey of a demonstration inspection, run as the software runs a real one: a generated contact
// list uploaded (Ofcom's drama numbers), the survey sent, generated replies received through the
// inbound path the text provider's webhook uses, and the survey closed. Closing deletes every
// number and cancels every text still queued, and `npm start` seeds before it starts the outbox
// dispatcher: no text of a demonstration survey is ever handed to a provider, local or real.
import { getSurveyByInspection, type Db } from '../../db/repositories/index.ts';
import { generateSurveyReplies } from '../../demo/generate-survey-replies.ts';
import { demoContactsCsv, demoPhone } from './demo-contacts.ts';
import { receiveInboundBatch, type InboundSms } from './inbound.ts';
import { closeSurvey, sendSurvey, uploadContacts } from './survey.ts';

export interface DemoSurvey {
  /** People on the contact list. */
  people: number;
  /** The first generated number's index (demoPhone): surveys given different ranges never share a number. */
  phoneOffset: number;
  seed: number;
  qualityShift?: number;
}

/** Runs the survey of an inspection not yet signed off; returns how many were sent it and how many texts came back. */
export async function runDemoSurvey(db: Db, inspectionId: number, demo: DemoSurvey, actor: string): Promise<{ people: number; replies: number }> {
  const bytes = new TextEncoder().encode(demoContactsCsv(demo.people, { offset: demo.phoneOffset }));
  const upload = await uploadContacts(db, { inspectionId, fileName: 'demonstration-contacts.csv', bytes }, actor);
  if (!upload.ok) throw new Error(`the generated contact list was refused: ${upload.errors[0]?.message}`);
  try {
    const { people } = await sendSurvey(db, inspectionId, actor);
    const survey = (await getSurveyByInspection(db, inspectionId))!;
    const conversations = generateSurveyReplies(survey.script, { seed: demo.seed, people: demo.people, ...(demo.qualityShift !== undefined ? { qualityShift: demo.qualityShift } : {}) });
    // Replies arrive interleaved, each person's in the order sent: everyone's first, then everyone's second, …
    const messages: InboundSms[] = [];
    for (let round = 0; round < Math.max(0, ...conversations.map((c) => c.length)); round++)
      conversations.forEach((replies, person) => {
        if (round < replies.length)
          messages.push({ id: `demo-${survey.id}-${person}-${round}`, sourceNumber: demoPhone(demo.phoneOffset + person).slice(1), message: replies[round]! });
      });
    await receiveInboundBatch(db, messages);
    return { people, replies: messages.length };
  } finally {
    await closeSurvey(db, inspectionId, actor);
  }
}
