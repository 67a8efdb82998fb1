// People answering the survey, for tests of what is made of their answers: each conversation is
// played through the real script, reply by reply, as the texts would arrive.
import type { Framework } from '../../src/domain/framework/framework.ts';
import { receiveReply, startConversation, type ConversationState } from '../../src/domain/survey/conversation.ts';
import { buildSurveyScript } from '../../src/domain/survey/questionnaire.ts';

export function surveyPeople(framework: Framework) {
  const script = buildSurveyScript(framework);
  let n = 0;
  return {
    script,
    /** The ids of the agree-disagree statements, in the order asked. */
    statementIds: script.questions.filter((q) => q.kind === 'scale').map((q) => q.id),
    /** A person's conversation after these replies. */
    person(replies: readonly string[]): ConversationState {
      let state = startConversation(script).state;
      for (const text of replies) state = receiveReply(script, state, { id: `m${++n}`, text }).state;
      return state;
    },
  };
}
