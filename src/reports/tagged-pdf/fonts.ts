// The fonts the tagged PDF embeds (PDF/UA wants every font embedded): the Roboto TrueType files
// that pdfmake ships, read from its own folder, so nothing is fetched and no system font is needed.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const robotoDir = join(dirname(require.resolve('pdfmake/fonts/Roboto.js')), 'Roboto');

export const FONTS = {
  regular: join(robotoDir, 'Roboto-Regular.ttf'),
  bold: join(robotoDir, 'Roboto-Medium.ttf'),
  italic: join(robotoDir, 'Roboto-Italic.ttf'),
} as const;

export type FontName = keyof typeof FONTS;
