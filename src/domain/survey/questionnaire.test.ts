import { describe, expect, it } from 'vitest';
import { bundledFramework } from '../../reference/frameworks.ts';
import { allMessages, buildSurveyScript, FOLLOW_UP_ID } from './questionnaire.ts';
import { fitsOneSms, smsLength } from './sms.ts';
import { DEFAULT_WORDING } from './wording.ts';

const framework = bundledFramework();
const questionnaire = framework.definition.questionnaire!;

describe('text message length', () => {
  it('counts as the network does', () => {
    expect(smsLength('a'.repeat(160))).toEqual({ encoding: 'gsm7', units: 160, parts: 1 });
    expect(smsLength('a'.repeat(161))).toEqual({ encoding: 'gsm7', units: 161, parts: 2 });
    // € and [ take two places; a curly quote or an emoji turns the message into UCS-2.
    expect(smsLength('€5 [x]')).toEqual({ encoding: 'gsm7', units: 9, parts: 1 });
    expect(smsLength('It\u2019s up to you')).toEqual({ encoding: 'ucs2', units: 14, parts: 1 });
    expect(smsLength('\u{1F600}'.repeat(36)).parts).toBe(2);
    expect(fitsOneSms("It's £5, isn't it?")).toBe(true);
  });
});

describe('the text survey script', () => {
  const script = buildSurveyScript(framework, { area: 'Birmingham and Solihull' });

  it('follows the questionnaire: statements, free text, demographics, then the follow-up offer', () => {
    expect(script.frameworkKey).toBe('hmip-adult-pdu@2021');
    expect(script.scale).toEqual(['Strongly agree', 'Agree', 'Undecided', 'Disagree', 'Strongly disagree']);
    expect(script.questions.map((q) => `${q.section}:${q.id}`)).toEqual([
      ...questionnaire.statements.map((s) => `statement:${s.id}`),
      'free-text:good',
      'free-text:better',
      'demographic:gender',
      'demographic:age',
      'demographic:ethnicity',
      'demographic:status',
      `follow-up:${FOLLOW_UP_ID}`,
    ]);
    const s1 = script.questions[0]!;
    expect(s1).toMatchObject({ kind: 'scale', text: questionnaire.statements[0]!.text, informs: ['1.3.1a'] });
    expect(s1.message).toBe(
      '1/11 I have been able to access the services I need to make positive changes to my life. Reply 1 (strongly agree) to 5 (strongly disagree) or SKIP.',
    );
  });

  it('opens with who is asking and how to stop, and explains the scale', () => {
    expect(script.opening).toEqual([
      'HM Inspectorate of Probation is inspecting probation in Birmingham and Solihull. Please tell us what you think in a few short texts. Reply STOP to stop.',
      "It's up to you. Your officer won't see your answers. For each statement reply 1 Strongly agree, 2 Agree, 3 Undecided, 4 Disagree or 5 Strongly disagree.",
    ]);
    // Without an area, or with one too long to fit, the introduction does without it.
    expect(buildSurveyScript(framework).opening[0]).toMatch(/^HM Inspectorate of Probation would like to hear about your probation\..*Reply STOP to stop\.$/);
    expect(buildSurveyScript(framework, { area: 'x'.repeat(60) }).opening[0]).not.toContain('xxx');
  });

  it('numbers the options of the demographic questions and the follow-up offer', () => {
    const byId = new Map(script.questions.map((q) => [q.id, q]));
    expect(byId.get('gender')).toMatchObject({
      kind: 'choice',
      options: ['Male', 'Female', 'Other'],
      message: 'Gender? Reply 1 for Male, 2 for Female or 3 for Other, or SKIP.',
      before: [expect.stringMatching(/^Nearly done\./)],
    });
    expect(byId.get('age')!.message).toBe('Age? Reply 1 for 18-20, 2 for 21-24, 3 for 25-29, 4 for 30-39, 5 for 40-49 or 6 for 50+, or SKIP.');
    // Too long with "for": the shorter numbering keeps it in one message.
    expect(byId.get('ethnicity')!.message).toBe(
      'Ethnicity? Reply 1 White, 2 Black/African/Caribbean/Black British, 3 Asian/Asian British, 4 Mixed/Multiple ethnic groups or 5 Other ethnic group, or SKIP.',
    );
    expect(byId.get(FOLLOW_UP_ID)).toMatchObject({
      kind: 'choice',
      options: ['Phone', 'In person', 'Online'],
      message: 'Would you like to tell us more? We can talk by phone, in person or online. Reply 1 for Phone, 2 for In person or 3 for Online, or NO.',
    });
    expect(script.closingFollowUp).toMatch(/^Thank you\. Someone from the inspectorate will contact you/);
  });

  it('fits every message in one text in the GSM alphabet, with or without an area', () => {
    for (const s of [script, buildSurveyScript(framework), buildSurveyScript(framework, { area: 'Hammersmith, Fulham, Kensington and Chelsea' })])
      for (const message of allMessages(s)) expect(smsLength(message), message).toMatchObject({ encoding: 'gsm7', parts: 1 });
  });

  it('uses other wording when given it', () => {
    const custom = buildSurveyScript(framework, { wording: { ...DEFAULT_WORDING, closing: ['Diolch. Thank you.'] } });
    expect(custom.closing).toBe('Diolch. Thank you.');
  });
});
