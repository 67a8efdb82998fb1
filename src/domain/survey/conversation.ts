// One person's text survey as a state machine: given the state and a reply, the new state, the
// answer recorded (if any) and the messages to send next. Pure and serialisable, so the webhook
// only loads the state, calls receiveReply, stores the result and sends the messages.
//
// Rules:
// - A reply that is not an answer is asked again once; a second is recorded as invalid and the
//   survey moves on.
// - STOP, STOPALL, UNSUBSCRIBE, CANCEL, END or QUIT (any case) opts the person out for good: no
//   message is ever sent again, and nothing more is recorded. Answers already given are kept.
// - SKIP moves on, recorded as skipped.
// - Replies after the survey is complete are kept as late, and change nothing else.
// - Each reply carries the text provider's message id; a redelivered id changes nothing.
import type { SurveyScript } from './questionnaire.ts';
import { isOptOut, readReply } from './replies.ts';

export type ConversationStatus = 'in-progress' | 'completed' | 'opted-out';

export interface RecordedAnswer {
  questionId: string;
  status: 'answered' | 'skipped' | 'invalid';
  /** Scale point "1"…"5", the option chosen, `no` (follow-up declined) or the free text. */
  value: string | null;
  /** The replies this answer was read from, as received (two when the first was not understood). */
  replies: string[];
}

export interface LateReply {
  messageId: string;
  text: string;
}

export interface ConversationState {
  frameworkKey: string;
  status: ConversationStatus;
  /** Index of the question awaiting a reply (the number of questions once completed). */
  position: number;
  /** The reply not understood for the current question, which has been asked again. */
  notUnderstood: string | null;
  answers: RecordedAnswer[];
  /** Provider ids of every reply handled, so a redelivery is recognised. */
  handled: string[];
  late: LateReply[];
}

export interface InboundText {
  /** The text provider's id for the message. */
  id: string;
  text: string;
}

export type StepEvent = 'answered' | 'skipped' | 'asked-again' | 'recorded-invalid' | 'opted-out' | 'late' | 'duplicate' | 'ignored';

export interface Step {
  state: ConversationState;
  event: StepEvent;
  recorded: RecordedAnswer | null;
  outbound: string[];
}

const questionMessages = (script: SurveyScript, position: number): string[] => {
  const q = script.questions[position];
  return q ? [...q.before, q.message] : [];
};

/** The state of someone just sent the survey, and the messages that start it. */
export function startConversation(script: SurveyScript): { state: ConversationState; outbound: string[] } {
  const state: ConversationState = {
    frameworkKey: script.frameworkKey,
    status: script.questions.length ? 'in-progress' : 'completed',
    position: 0,
    notUnderstood: null,
    answers: [],
    handled: [],
    late: [],
  };
  return { state, outbound: [...script.opening, ...(script.questions.length ? questionMessages(script, 0) : [script.closing])] };
}

/** Whether the person asked for a follow-up conversation (4.19) and by which means. */
export function followUpRequested(script: SurveyScript, state: ConversationState): string | null {
  const offer = script.questions.find((q) => q.section === 'follow-up');
  const answer = state.answers.find((a) => a.questionId === offer?.id && a.status === 'answered');
  return answer && answer.value !== 'no' ? answer.value : null;
}

export function receiveReply(script: SurveyScript, state: ConversationState, inbound: InboundText): Step {
  if (script.frameworkKey !== state.frameworkKey)
    throw new Error(`conversation of ${state.frameworkKey} given the script of ${script.frameworkKey}`);
  const unchanged = (event: StepEvent): Step => ({ state, event, recorded: null, outbound: [] });
  if (state.handled.includes(inbound.id)) return unchanged('duplicate');
  if (state.status === 'opted-out') return unchanged('ignored');
  const handled = [...state.handled, inbound.id];
  if (isOptOut(inbound.text)) return { state: { ...state, status: 'opted-out', notUnderstood: null, handled }, event: 'opted-out', recorded: null, outbound: [] };
  if (state.status === 'completed')
    return { state: { ...state, handled, late: [...state.late, { messageId: inbound.id, text: inbound.text }] }, event: 'late', recorded: null, outbound: [] };

  const question = script.questions[state.position]!;
  const reading = readReply(question, script.scale, inbound.text);
  if (reading.kind === 'invalid' && state.notUnderstood === null)
    return { state: { ...state, notUnderstood: inbound.text, handled }, event: 'asked-again', recorded: null, outbound: [question.again] };

  const replies = [...(state.notUnderstood !== null ? [state.notUnderstood] : []), inbound.text];
  const recorded: RecordedAnswer =
    reading.kind === 'value'
      ? { questionId: question.id, status: 'answered', value: reading.value, replies }
      : { questionId: question.id, status: reading.kind === 'skip' ? 'skipped' : 'invalid', value: null, replies };
  const position = state.position + 1;
  const done = position >= script.questions.length;
  const next: ConversationState = {
    ...state,
    status: done ? 'completed' : 'in-progress',
    position,
    notUnderstood: null,
    answers: [...state.answers, recorded],
    handled,
  };
  const outbound = done ? [followUpRequested(script, next) ? script.closingFollowUp : script.closing] : questionMessages(script, position);
  const event: StepEvent = reading.kind === 'value' ? 'answered' : reading.kind === 'skip' ? 'skipped' : 'recorded-invalid';
  return { state: next, event, recorded, outbound };
}
