// Themes in the inspectors' rationales: a review counts towards a theme when any of its rationales
// holds one of the theme's terms as a word or the start of one (any case). A count of how often a
// theme is written about, explained as such on every output; not a reading of what was said. Pure.
import type { RationaleTheme } from './annual-report-reference.ts';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One pattern per theme: any term at the start of a word, spaces in a term matching any run of spaces. */
export function themeMatcher(theme: RationaleTheme): RegExp {
  const terms = theme.terms.map((t) => escape(t.trim().toLowerCase()).replace(/\s+/g, '\\s+'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${terms.join('|')})`, 'iu');
}

/** The ids of the themes the texts mention, in the themes' order. */
export function themesIn(texts: readonly string[], themes: readonly RationaleTheme[]): string[] {
  const matchers = themes.map((t) => [t.id, themeMatcher(t)] as const);
  return matchers.filter(([, re]) => texts.some((text) => re.test(text))).map(([id]) => id);
}
