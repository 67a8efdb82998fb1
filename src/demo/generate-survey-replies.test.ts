// Generated survey replies: the same seed gives the same replies, and run through the real
// conversation every reply is understood (at worst after being asked again), some people finish,
// some stop part way or opt out, and free text is labelled as generated.
import { describe, expect, it } from 'vitest';
import { receiveReply, startConversation } from '../domain/survey/conversation.ts';
import { buildSurveyScript } from '../domain/survey/questionnaire.ts';
import { bundledFramework } from '../reference/frameworks.ts';
import { generateSurveyReplies, GENERATED_REPLY_LABEL } from './generate-survey-replies.ts';

const script = buildSurveyScript(bundledFramework(), { area: 'Leeds' });

describe('generated survey replies', () => {
  const people = generateSurveyReplies(script, { seed: 7, people: 200 });

  it('is the same for the same seed', () => {
    expect(generateSurveyReplies(script, { seed: 7, people: 200 })).toEqual(people);
    expect(generateSurveyReplies(script, { seed: 8, people: 200 })).not.toEqual(people);
  });

  it('reads as the conversation expects: nothing recorded as unreadable, most finish, some stop or opt out', () => {
    const events: Record<string, number> = {};
    const statuses: Record<string, number> = {};
    for (const [person, replies] of people.entries()) {
      let { state } = startConversation(script);
      for (const [i, text] of replies.entries()) {
        const step = receiveReply(script, state, { id: `${person}-${i}`, text });
        events[step.event] = (events[step.event] ?? 0) + 1;
        state = step.state;
      }
      if (replies.length) statuses[state.status] = (statuses[state.status] ?? 0) + 1;
      for (const a of state.answers.filter((x) => x.status === 'answered' && script.questions.find((q) => q.id === x.questionId)?.kind === 'text'))
        expect(a.value!.startsWith(GENERATED_REPLY_LABEL)).toBe(true);
    }
    const responded = people.filter((r) => r.length).length;
    expect(responded / people.length).toBeGreaterThan(0.3);
    expect(responded / people.length).toBeLessThan(0.55);
    expect(events['recorded-invalid']).toBeUndefined();
    expect(events['asked-again']).toBeGreaterThan(0);
    expect(events.skipped).toBeGreaterThan(0);
    expect(statuses.completed! / responded).toBeGreaterThan(0.6);
    expect(statuses['in-progress']).toBeGreaterThan(0);
    expect(statuses['opted-out']).toBeGreaterThan(0);
  });
});
