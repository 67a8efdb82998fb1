// Free-text answers grouped for the report by what they are about, with a keyword list anyone can
// read and change: an answer goes under every theme one of whose keywords it contains, or under
// "other". Each theme names the statements of concern it relates to. A keyword ending in * matches
// any word it begins ("wait*": wait, waiting, waited); a keyword of several words matches them in
// a row. The statement ids are those of the hmip-adult-pdu@2021 questionnaire.

export interface FreeTextTheme {
  id: string;
  label: string;
  statements: readonly string[];
  keywords: readonly string[];
}

export const DEFAULT_THEMES: readonly FreeTextTheme[] = [
  {
    id: 'services',
    label: 'Getting the help and services needed',
    statements: ['s1'],
    keywords: ['course*', 'programme*', 'program*', 'housing', 'accommodation', 'hostel*', 'job*', 'employment', 'training', 'education', 'college', 'drug*', 'alcohol', 'counsel*', 'mental health', 'therap*', 'referr*', 'unpaid work', 'community payback', 'benefits', 'money', 'debt*'],
  },
  { id: 'waiting', label: 'Waiting and delays', statements: ['s2'], keywords: ['wait*', 'delay*', 'slow*', 'quick*', 'took ages', 'long time', 'still waiting'] },
  {
    id: 'personal',
    label: 'Services that fit who I am',
    statements: ['s3'],
    keywords: ['woman', 'women', 'female', 'gender', 'my age', 'young', 'older', 'race', 'racis*', 'black', 'asian', 'culture', 'cultural', 'religio*', 'faith', 'disab*', 'autis*', 'adhd', 'dyslex*', 'lgbt*', 'gay', 'lesbian', 'trans', 'language', 'interpreter*', 'english'],
  },
  { id: 'local', label: 'Services nearby', statements: ['s4'], keywords: ['local*', 'nearby', 'near me', 'my area', 'in town', 'closer'] },
  { id: 'travel', label: 'Travel to appointments', statements: ['s5'], keywords: ['travel*', 'bus', 'buses', 'train*', 'fare*', 'distance', 'far', 'miles', 'journey*', 'petrol', 'lift'] },
  { id: 'contact', label: 'Getting in touch', statements: ['s6'], keywords: ['contact*', 'phone*', 'call*', 'ring*', 'rang', 'answer*', 'email*', 'voicemail', 'message*', 'get hold', 'get through'] },
  {
    id: 'timing',
    label: 'Appointment times',
    statements: ['s7'],
    keywords: ['appointment*', 'timing*', 'times', 'shift*', 'childcare', 'kids', 'school run', 'evening*', 'weekend*', 'morning*', 'rearrang*', 'reschedul*', 'working hours'],
  },
  { id: 'privacy', label: 'Private conversations', statements: ['s8'], keywords: ['privat*', 'privacy', 'confidential*', 'overheard', 'overhear*', 'room*', 'booth*', 'open plan'] },
  { id: 'safety', label: 'Feeling safe', statements: ['s9'], keywords: ['safe', 'safety', 'unsafe', 'scared', 'afraid', 'threat*', 'intimidat*', 'reception', 'security', 'violen*', 'fight*'] },
  { id: 'views', label: 'Being asked for views', statements: ['s10'], keywords: ['views', 'opinion*', 'asked me', 'feedback', 'survey*', 'have a say', 'my say'] },
  {
    id: 'officer',
    label: 'The probation officer and support overall',
    statements: ['s11'],
    keywords: ['officer*', 'practitioner*', 'worker*', 'keyworker*', 'om', 'new officer', 'listen*', 'understanding', 'respect*', 'rude', 'kind', 'caring', 'judg*', 'support*'],
  },
];

/** Words of a comment: lower case, apostrophes dropped, other punctuation as spaces. */
const wordsOf = (text: string): string[] =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['\u2018\u2019`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

function matchesAt(words: readonly string[], at: number, keyword: readonly string[]): boolean {
  return keyword.every((k, i) => {
    const w = words[at + i];
    if (w === undefined) return false;
    return k.endsWith('*') ? w.startsWith(k.slice(0, -1)) : w === k;
  });
}

/** The keywords of a theme that the text contains. */
export function matchedKeywords(text: string, theme: FreeTextTheme): string[] {
  const words = wordsOf(text);
  return theme.keywords.filter((keyword) => {
    const parts = wordsOf(keyword.replace(/\*$/, '')).map((p, i, all) => (i === all.length - 1 && keyword.endsWith('*') ? `${p}*` : p));
    return words.some((_, at) => matchesAt(words, at, parts));
  });
}
