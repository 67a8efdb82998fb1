import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledFramework } from '../../reference/frameworks.ts';
import { followUpRequested, receiveReply, startConversation, type ConversationState, type InboundText, type Step } from './conversation.ts';
import { buildSurveyScript } from './questionnaire.ts';
import { isOptOut, OPT_OUT_WORDS } from './replies.ts';

const script = buildSurveyScript(bundledFramework(), { area: 'Leeds' });
const questionCount = script.questions.length;

let id = 0;
const text = (t: string): InboundText => ({ id: `SM${++id}`, text: t });

/** Replies in turn from the start; the last step, and every step. */
function run(replies: (string | InboundText)[], from = startConversation(script).state): { last: Step | undefined; steps: Step[]; state: ConversationState } {
  const steps: Step[] = [];
  let state = from;
  for (const r of replies) {
    const step = receiveReply(script, state, typeof r === 'string' ? text(r) : r);
    steps.push(step);
    state = step.state;
  }
  return { last: steps.at(-1), steps, state };
}

describe('one person answering the text survey', () => {
  it('starts with the introduction, how to answer and the first statement', () => {
    const { state, outbound } = startConversation(script);
    expect(outbound).toEqual([...script.opening, script.questions[0]!.message]);
    expect(state).toMatchObject({ status: 'in-progress', position: 0, answers: [], handled: [], late: [] });
  });

  it('records answers and moves on, to the end and the closing message', () => {
    const replies = ['1', 'agree', '3', 'disagree', '5', '2', '2', '1', '1', '4', 'Strongly agree', 'My officer listened', 'skip', 'female', '4', '1', '2', 'phone'];
    expect(replies).toHaveLength(questionCount);
    const { steps, state } = run(replies);
    expect(steps[0]).toMatchObject({ event: 'answered', recorded: { questionId: 's1', status: 'answered', value: '1', replies: ['1'] }, outbound: [script.questions[1]!.message] });
    expect(steps[12]).toMatchObject({ event: 'skipped', recorded: { questionId: 'better', status: 'skipped', value: null } });
    // The demographic questions begin with a note saying why they are asked.
    expect(steps[12]!.outbound).toEqual([...script.questions[13]!.before, script.questions[13]!.message]);
    expect(state.status).toBe('completed');
    expect(state.answers.map((a) => a.value)).toEqual(['1', '2', '3', '4', '5', '2', '2', '1', '1', '4', '1', 'My officer listened', null, 'Female', '30 - 39', 'White', 'On a community sentence', 'Phone']);
    expect(followUpRequested(script, state)).toBe('Phone');
    expect(steps.at(-1)!.outbound).toEqual([script.closingFollowUp]);
    expect(run([...replies.slice(0, -1), 'no']).last!.outbound).toEqual([script.closing]);
  });

  it('asks again once after a reply it cannot read, then records it as invalid and moves on', () => {
    const { steps, state } = run(['maybe', 'perhaps']);
    expect(steps[0]).toMatchObject({ event: 'asked-again', recorded: null, outbound: [script.questions[0]!.again] });
    expect(steps[0]!.state.position).toBe(0);
    expect(steps[1]).toMatchObject({ event: 'recorded-invalid', recorded: { questionId: 's1', status: 'invalid', value: null, replies: ['maybe', 'perhaps'] } });
    expect(steps[1]!.outbound).toEqual([script.questions[1]!.message]);
    expect(state.position).toBe(1);
    // A good reply after the question was asked again is an answer, read from both replies.
    expect(run(['maybe', '2']).last!.recorded).toEqual({ questionId: 's1', status: 'answered', value: '2', replies: ['maybe', '2'] });
  });

  it('stops for good on STOP: nothing more is sent or recorded, ever', () => {
    const { steps, state } = run(['1', 'Stop', '2', 'START', 'stop']);
    expect(steps[1]).toMatchObject({ event: 'opted-out', outbound: [], recorded: null });
    expect(steps.slice(2).map((s) => [s.event, s.outbound.length])).toEqual([['ignored', 0], ['ignored', 0], ['ignored', 0]]);
    expect(state.status).toBe('opted-out');
    expect(state.answers).toHaveLength(1);
  });

  it('keeps replies after the end as late, changing nothing else', () => {
    const done = run(Array(questionCount).fill('skip')).state;
    const step = receiveReply(script, done, { id: 'late-1', text: 'One more thing' });
    expect(step).toMatchObject({ event: 'late', outbound: [], recorded: null });
    expect(step.state).toEqual({ ...done, handled: [...done.handled, 'late-1'], late: [{ messageId: 'late-1', text: 'One more thing' }] });
    // STOP after the end still opts out, so no later reminder or contact is sent.
    expect(receiveReply(script, done, text('STOP')).state.status).toBe('opted-out');
  });

  it('ignores a redelivered message', () => {
    const first = text('1');
    const once = run([first]);
    const again = receiveReply(script, once.state, first);
    expect(again).toEqual({ state: once.state, event: 'duplicate', recorded: null, outbound: [] });
  });

  it('refuses a script of another framework version', () => {
    const { state } = startConversation(script);
    expect(() => receiveReply({ ...script, frameworkKey: 'other@1' }, state, text('1'))).toThrow(/other@1/);
  });
});

describe('the rules hold for any replies (properties)', () => {
  const reply = fc.oneof(
    fc.constantFrom('1', '2', '3', '4', '5', 'agree', 'skip', 'female', 'phone', 'no', 'maybe', '9', '', 'hello there'),
    fc.string({ maxLength: 12 }),
  );
  const inbound = fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), reply), { maxLength: 45 }).map((xs) => xs.map(([n, t]) => ({ id: `m${n}`, text: t })));

  it('a redelivered id changes nothing: processing with repeats equals processing each id once', () => {
    fc.assert(
      fc.property(inbound, (messages) => {
        const withRepeats = run(messages);
        const seen = new Set<string>();
        const firstOnly = messages.filter((m) => !seen.has(m.id) && seen.add(m.id));
        expect(withRepeats.state).toEqual(run(firstOnly).state);
        withRepeats.steps.forEach((step, i) => {
          if (messages.findIndex((m) => m.id === messages[i]!.id) < i) expect(step).toMatchObject({ event: 'duplicate', outbound: [], recorded: null });
        });
      }),
    );
  });

  it('after an opt-out nothing is ever sent and the answers never change', () => {
    fc.assert(
      fc.property(fc.array(reply, { maxLength: 25 }), fc.constantFrom(...OPT_OUT_WORDS), fc.array(reply, { maxLength: 25 }), (before, word, after) => {
        const stopped = run([...before, word.toUpperCase()]).state;
        expect(stopped.status).toBe('opted-out');
        const later = run(after, stopped);
        for (const step of later.steps) expect(step.outbound).toEqual([]);
        expect(later.state).toEqual(stopped);
      }),
    );
  });

  it('asks a question again at most once, and every question is answered, skipped or invalid once', () => {
    fc.assert(
      fc.property(fc.array(reply.filter((r) => !isOptOut(r)), { maxLength: 60 }), (replies) => {
        const { steps, state } = run(replies);
        steps.forEach((step, i) => {
          if (step.event === 'asked-again') expect(steps[i + 1]?.event).not.toBe('asked-again');
        });
        expect(state.answers.map((a) => a.questionId)).toEqual(script.questions.slice(0, state.position).map((q) => q.id));
        expect(state.position).toBeLessThanOrEqual(questionCount);
        if (state.position === questionCount) expect(state.status).toBe('completed');
        for (const a of state.answers) expect(a.replies.length).toBeLessThanOrEqual(2);
      }),
    );
  });

  it('two unreadable replies to any question: asked again, then recorded invalid and moved on', () => {
    const unreadable = fc.constantFrom('maybe', '9', 'what?', '0', 'lots');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: questionCount - 1 }), unreadable, unreadable, (position, a, b) => {
        if (script.questions[position]!.kind === 'text') return; // any text answers a free-text question
        const at = run(Array(position).fill('skip')).state;
        const { steps, state } = run([a, b], at);
        expect(steps.map((s) => s.event)).toEqual(['asked-again', 'recorded-invalid']);
        expect(steps[0]!.outbound).toEqual([script.questions[position]!.again]);
        expect(state.position).toBe(position + 1);
        expect(state.answers.at(-1)).toEqual({ questionId: script.questions[position]!.id, status: 'invalid', value: null, replies: [a, b] });
      }),
    );
  });
});
