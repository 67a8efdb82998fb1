// Which framework version an inspection of an organisation uses: the file's regime names the kind
// of organisation it inspects (regime.organisationKind), and of the versions for a kind the current
// one is the newest published (then the highest version). No framework id is named in code.
import type { Framework } from './framework.ts';
import type { Regime } from './schema.ts';

export type InspectedKind = Regime['organisationKind'];

/** What a framework version needs for the choice: its key, regime and source date. */
export type Choosable = Pick<Framework, 'key' | 'regime'> & { definition: { version: string; source: { published: string } } };

const newer = (a: Choosable, b: Choosable): number =>
  String(a.definition.source.published).localeCompare(String(b.definition.source.published)) ||
  a.definition.version.localeCompare(b.definition.version, 'en', { numeric: true }) ||
  a.key.localeCompare(b.key);

/** The versions that fit the kind of organisation, newest first. */
export function frameworksFor<F extends Choosable>(frameworks: readonly F[], kind: InspectedKind): F[] {
  return frameworks.filter((f) => f.regime.organisationKind === kind).sort((a, b) => newer(b, a));
}

/** The current version for the kind of organisation (the newest), or undefined when none fits. */
export function currentFrameworkFor<F extends Choosable>(frameworks: readonly F[], kind: InspectedKind): F | undefined {
  return frameworksFor(frameworks, kind)[0];
}
