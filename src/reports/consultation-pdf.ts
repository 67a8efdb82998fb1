// The consultation document as a PDF, with pdfmake (pure JavaScript, its own Roboto fonts): the same
// blocks the HTML page shows. pdfmake may read only its own font files and fetch nothing
// (pdf-document.ts renders it, through src/adapters/pdf).
import type { Block, ConsultationDocument } from '../services/programme/consultation.ts';
import { describedPdfFunction } from './pdf-cache.ts';
import { renderPdf } from './pdf-document.ts';

/** Text the Roboto font can print: arrows and other symbols it lacks become words. */
const printable = (s: string) => s.replace(/→/g, 'to').replace(/[\u2190-\u21ff]/g, '-');

function blockContent(block: Block): unknown[] {
  switch (block.type) {
    case 'heading':
      return [{ text: printable(block.text), style: 'h2' }];
    case 'subheading':
      return [{ text: printable(block.text), style: 'h3' }];
    case 'paragraph':
      return [{ text: printable(block.text), style: 'p' }];
    case 'list':
      return [{ [block.numbered ? 'ol' : 'ul']: block.items.map(printable), style: 'p' }];
    case 'table':
      return [
        { text: printable(block.caption), style: 'caption' },
        {
          table: {
            headerRows: 1,
            widths: block.head.map((_, i) => (i === 0 ? 'auto' : '*')),
            body: [block.head.map((h) => ({ text: printable(h), bold: true })), ...block.rows.map((r) => r.map(printable))],
          },
          layout: 'lightHorizontalLines',
          fontSize: 9,
          margin: [0, 0, 0, 10],
        },
      ];
    case 'question':
      return [...block.guidance.flatMap(blockContent), { text: `Q${block.number}: ${printable(block.text)}`, style: 'question' }];
  }
}

export function consultationPdfDefinition(doc: ConsultationDocument): unknown {
  return {
    info: { title: doc.title, author: 'HM Inspectorate of Probation', subject: `Consultation on the inspection programme ${doc.year.label}` },
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    styles: {
      org: { fontSize: 10, color: '#505a5f', margin: [0, 0, 0, 6] },
      title: { fontSize: 20, bold: true, margin: [0, 0, 0, 12] },
      h1: { fontSize: 15, bold: true, margin: [0, 14, 0, 6] },
      h2: { fontSize: 13, bold: true, margin: [0, 12, 0, 6] },
      h3: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] },
      p: { margin: [0, 0, 0, 6] },
      caption: { bold: true, margin: [0, 4, 0, 4] },
      question: { bold: true, margin: [0, 6, 0, 10] },
    },
    // Described by what it is made from, so the rendered PDF can be cached (pdf-cache.ts).
    footer: describedPdfFunction('consultation-footer', doc.title, (page: number, pages: number) => ({ text: `${doc.title} - page ${page} of ${pages}`, alignment: 'center', fontSize: 8, color: '#505a5f', margin: [0, 20, 0, 0] })),
    content: [
      { text: 'HM Inspectorate of Probation', style: 'org' },
      { text: printable(doc.title), style: 'title' },
      { text: printable(doc.closing[0]!), style: 'p' },
      ...doc.sections.flatMap((s) => [{ text: printable(s.heading), style: 'h1' }, ...s.blocks.flatMap(blockContent)]),
      ...doc.closing.slice(1).map((text) => ({ text: printable(text), style: 'p', margin: [0, 12, 0, 0] })),
    ],
  };
}

export async function consultationPdf(doc: ConsultationDocument): Promise<Buffer> {
  return renderPdf(consultationPdfDefinition(doc));
}
