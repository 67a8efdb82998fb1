// pdfmake (pure JavaScript, shipping its own Roboto fonts), set up once: it may read only its own
// font files and fetch nothing, so a document can never pull in a local file or a URL.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

export interface PdfMake {
  setFonts(fonts: unknown): void;
  setLocalAccessPolicy(allow: (path: string) => boolean): void;
  setUrlAccessPolicy(allow: (url: string) => boolean): void;
  createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
}

const require = createRequire(import.meta.url);
let loaded: PdfMake | undefined;

export function pdfmake(): PdfMake {
  if (loaded) return loaded;
  const instance = require('pdfmake') as PdfMake;
  const fontsFile = require.resolve('pdfmake/fonts/Roboto.js');
  const fontsDir = dirname(fontsFile);
  instance.setFonts(require(fontsFile));
  instance.setLocalAccessPolicy((path) => path.startsWith(`${fontsDir}/`));
  instance.setUrlAccessPolicy(() => false);
  return (loaded = instance);
}
