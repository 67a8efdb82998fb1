// Command-line tools some tests use when the machine has them (poppler-utils to read PDFs back,
// tesseract to read text off rendered pages); CI installs them, so there the tests always run.
import { execFileSync } from 'node:child_process';

export function hasCommand(command: string, versionFlag = '-v'): boolean {
  try {
    execFileSync(command, [versionFlag], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const hasPoppler = hasCommand('pdftotext');
export const hasTesseract = hasPoppler && hasCommand('tesseract', '--version');
