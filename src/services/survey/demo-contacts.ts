// Generated contact lists for demonstrations, tests and the benchmark. The numbers are in Ofcom's
// ranges kept for drama and testing (07700 900000 to 07700 900999), and beyond them numbered from
// 07700 100000, which are not in service either way through the local outbox. Names are
// "Person 1" …: not real people.

/** The i-th generated mobile number (0-based), in E.164. */
export const demoPhone = (i: number): string => `+447700${String((i < 1000 ? 900_000 : 100_000) + (i < 1000 ? i : i - 1000)).padStart(6, '0')}`;

/** A contact list CSV of `people` generated contacts, numbers written as a PDU would (07700 900123). */
export function demoContactsCsv(people: number, options: { withNames?: boolean; offset?: number } = {}): string {
  const offset = options.offset ?? 0;
  const lines = Array.from({ length: people }, (_, i) => {
    const phone = demoPhone(offset + i);
    const national = `0${phone.slice(3, 7)} ${phone.slice(7)}`;
    return options.withNames === false ? national : `${national},Person ${offset + i + 1}`;
  });
  return [options.withNames === false ? 'Phone number' : 'Phone number,Name', ...lines].join('\n') + '\n';
}
