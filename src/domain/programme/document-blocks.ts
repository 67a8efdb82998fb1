// A document's content as blocks (headings, paragraphs, lists, tables, numbered questions with their
// guidance), as the consultation on a programme year is written: one model for its page and its PDF.
export type Block =
  | { type: 'heading'; text: string }
  | { type: 'subheading'; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'list'; items: string[]; numbered?: boolean }
  | { type: 'table'; caption: string; head: string[]; rows: string[][] }
  | { type: 'question'; number: number; id: number; text: string; guidance: Block[] };
