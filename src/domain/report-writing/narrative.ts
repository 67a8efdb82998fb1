// The report's narrative is plain text, never HTML: paragraphs separated by a blank line, and
// simple lists of lines starting "- ". Parsed into blocks here, so the page, the PDF and the
// editor's preview all read the same structure, and rendered to HTML with everything escaped.

export type NarrativeBlock = { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };

const LIST_ITEM = /^\s*-\s+/;

/** Splits text into paragraphs and lists; lines of a paragraph are joined with a space. */
export function parseNarrative(text: string): NarrativeBlock[] {
  const blocks: NarrativeBlock[] = [];
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    let paragraph: string[] = [];
    let list: string[] | null = null;
    const flushParagraph = () => {
      if (paragraph.length) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
      paragraph = [];
    };
    const flushList = () => {
      if (list?.length) blocks.push({ kind: 'list', items: list });
      list = null;
    };
    for (const raw of chunk.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      if (LIST_ITEM.test(raw)) {
        flushParagraph();
        const item = raw.replace(LIST_ITEM, '').trim();
        (list ??= []).push(item);
      } else if (list && /^\s{2,}/.test(raw)) {
        // An indented line carries on the list item above it.
        list[list.length - 1] = `${list[list.length - 1]} ${line}`.trim();
      } else {
        flushList();
        paragraph.push(line);
      }
    }
    flushParagraph();
    flushList();
  }
  return blocks.filter((b) => (b.kind === 'paragraph' ? b.text.length > 0 : b.items.some((i) => i.length > 0)));
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe to place in HTML, in an element or an attribute. */
export const escapeText = (text: string): string => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);

/** The blocks as GOV.UK paragraphs and bulleted lists; every character of the writer's text is escaped. */
export function narrativeHtml(blocks: NarrativeBlock[]): string {
  return blocks
    .map((b) =>
      b.kind === 'paragraph'
        ? `<p class="govuk-body">${escapeText(b.text)}</p>`
        : `<ul class="govuk-list govuk-list--bullet">${b.items.map((i) => `<li>${escapeText(i)}</li>`).join('')}</ul>`,
    )
    .join('\n');
}

/** The blocks back as plain text (lists as "- " lines), for exports and the PDF's fallbacks. */
export const narrativeText = (blocks: NarrativeBlock[]): string =>
  blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.items.map((i) => `- ${i}`).join('\n'))).join('\n\n');

/**
 * A list part ("Strengths", "Areas for improvement") as its items: each line starting "- " begins
 * an item and other lines carry it on; with no "- " at all, each line is an item.
 */
export function parseList(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').filter((l) => l.trim());
  if (!lines.some((l) => LIST_ITEM.test(l))) return lines.map((l) => l.trim());
  const items: string[] = [];
  for (const line of lines) {
    if (LIST_ITEM.test(line) || !items.length) items.push(line.replace(LIST_ITEM, '').trim());
    else items[items.length - 1] = `${items[items.length - 1]} ${line.trim()}`;
  }
  return items.filter(Boolean);
}
