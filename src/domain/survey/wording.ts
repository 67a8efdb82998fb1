// The words of the text survey, as data. Each message has variants in order of preference: the
// script uses the first that fits one text message (160 GSM characters) and has what it needs
// (a variant naming {area} is used only when the area is known), otherwise the last usable one.
// Placeholders in braces are filled by questionnaire.ts. Straight quotes only: a curly one would
// turn the message into UCS-2 and halve its length.

export interface SurveyWording {
  /** {area} */
  intro: readonly string[];
  /** {scale}: "1 Strongly agree, 2 Agree, 3 Undecided, 4 Disagree or 5 Strongly disagree" */
  howToAnswer: readonly string[];
  /** {number}, {total}, {statement}, {points}, {first}, {last} (first and last scale points, lower case) */
  statement: readonly string[];
  statementAgain: readonly string[];
  /** {question} */
  freeText: readonly string[];
  /** Sent with the first demographic question. */
  aboutYou: readonly string[];
  /** {question}, {options}: "1 for Male, 2 for Female or 3 for Other", {shortOptions}: "1 Male, 2 Female or 3 Other" */
  choice: readonly string[];
  /** {count} */
  choiceAgain: readonly string[];
  /** 4.19: the second stage, a conversation by another method. {options} */
  followUp: readonly string[];
  followUpAgain: readonly string[];
  followUpOptions: readonly string[];
  /** Replies to the follow-up offer that mean no, recorded as `no`. */
  followUpDecline: readonly string[];
  /** {area} */
  closing: readonly string[];
  closingFollowUp: readonly string[];
}

export const DEFAULT_WORDING: SurveyWording = {
  intro: [
    'HM Inspectorate of Probation is inspecting probation in {area}. Please tell us what you think in a few short texts. Reply STOP to stop.',
    'HM Inspectorate of Probation would like to hear about your probation. Please tell us what you think in a few short texts. Reply STOP to stop.',
  ],
  howToAnswer: [
    "It's up to you. Your officer won't see your answers. For each statement reply {scale}.",
    'For each statement reply {scale}. Reply SKIP to miss one out.',
  ],
  statement: [
    '{number}/{total} {statement} Reply 1 ({first}) to {points} ({last}) or SKIP.',
    '{number}/{total} {statement} Reply 1 ({first}) to {points} ({last}).',
    '{number}/{total} {statement} Reply 1-{points}.',
  ],
  statementAgain: [
    'Sorry, we did not understand. For {number}/{total} please reply a number from 1 ({first}) to {points} ({last}), or SKIP.',
    'Sorry, please reply a number from 1 to {points}, or SKIP.',
  ],
  freeText: ['{question} Reply in your own words, or SKIP.', '{question}'],
  aboutYou: [
    "Nearly done. To check we hear from a wide range of people, please tell us a little about you. Reply SKIP to any you'd rather not answer.",
  ],
  choice: ['{question} Reply {options}, or SKIP.', '{question} Reply {shortOptions}, or SKIP.', '{question} Reply {shortOptions}.'],
  choiceAgain: ['Sorry, please reply with a number from 1 to {count}, or SKIP.'],
  followUp: [
    'Would you like to tell us more? We can talk by phone, in person or online. Reply {options}, or NO.',
    'Would you like to talk to us? Reply {options}, or NO.',
  ],
  followUpAgain: ['Sorry, please reply a number from 1 to {count} if you would like to talk to us, or NO.'],
  followUpOptions: ['Phone', 'In person', 'Online'],
  followUpDecline: ['no', 'no thanks', 'no thank you', 'none', 'n', 'nope'],
  closing: [
    'Thank you for your answers. They will help us inspect probation in {area}. You do not need to reply.',
    'Thank you for your answers. They will help us inspect probation. You do not need to reply.',
  ],
  closingFollowUp: [
    'Thank you. Someone from the inspectorate will contact you to arrange a conversation. You do not need to reply.',
  ],
};
