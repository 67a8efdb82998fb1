// Small helpers shared by the commands: reading input files, reporting problems, exit codes.
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import type { Framework } from '../domain/framework/framework.ts';
import { formatFromFileName, formatProblem, parseAssessmentFile, type FileProblem } from '../interchange/assessment-file.ts';

/** Exit codes: 1 for input the program refused, 2 for a command used wrongly. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/**
 * The most the command line reads from one file or standard input: well above the largest real
 * inspection (a 40,000-case file is about 100 MB), and a bound on `rate /dev/zero` or a wrong file.
 */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;
const CHUNK = 1024 * 1024;

/** A file's text: read to at most `limit` bytes (a larger one is refused), and refused unless UTF-8. */
export function readInput(path: string, limit = MAX_INPUT_BYTES): string {
  return decodeUtf8(path, readBytes(path, limit));
}

const shown = (path: string) => (path === '-' ? 'standard input' : path);
const cannotRead = (path: string, why: string) => new CliError(`Cannot read ${shown(path)}: ${why}`);
const tooLarge = (path: string, limit: number) =>
  new CliError(`Cannot read ${shown(path)}: it is larger than ${limit >= 1024 * 1024 ? `${Math.round(limit / 1024 / 1024)} MB` : `${limit} bytes`}, the most the command line reads from one file or standard input`);

/** Opens the file (or standard input) after readInput's checks: it exists, is no folder or device, is not too large. */
function openChecked(path: string, limit: number): number {
  let fd: number;
  try {
    fd = path === '-' ? 0 : openSync(path, 'r');
  } catch (e) {
    throw cannotRead(path, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw cannotRead(path, 'it is a folder, not a file');
    // A device (/dev/zero, /dev/urandom) never ends; standard input may be a terminal, and is bounded below.
    if ((stat.isCharacterDevice() || stat.isBlockDevice()) && path !== '-') throw cannotRead(path, 'it is a device, not a file');
    if (stat.isFile() && stat.size > limit) throw tooLarge(path, limit);
  } catch (e) {
    if (fd !== 0) closeSync(fd);
    throw e;
  }
  return fd;
}

/**
 * A file's bytes as a stream of chunks, from the start each time `chunks` is called, never held
 * whole: readInput's checks first, and the bytes checked as UTF-8 as they come (a file that is not
 * is then read whole, once, to say which line is wrong, as readInput says it). Standard input, which
 * cannot be read twice, is read whole. `text` reads the whole text, when that is needed after all.
 */
export function inputChunks(path: string, limit = MAX_INPUT_BYTES): { chunks: () => AsyncIterable<Uint8Array>; text: () => Promise<string> } {
  const text = async () => readInput(path, limit);
  if (path === '-') {
    const bytes = readBytes(path, limit);
    const whole = decodeUtf8(path, bytes);
    return {
      chunks: async function* () {
        yield bytes;
      },
      text: async () => whole,
    };
  }
  closeSync(openChecked(path, limit));
  async function* chunks(): AsyncIterable<Uint8Array> {
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const checked = (read: () => void) => {
      try {
        read();
      } catch {
        decodeUtf8(path, readBytes(path, limit)); // throws the CliError naming the line
      }
    };
    let total = 0;
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limit) throw tooLarge(path, limit);
      checked(() => decoder.decode(chunk, { stream: true }));
      yield chunk;
    }
    checked(() => decoder.decode());
  }
  return { chunks, text };
}

export function readBytes(path: string, limit = MAX_INPUT_BYTES): Buffer {
  const fd = openChecked(path, limit);
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      let n: number;
      try {
        n = readSync(fd, chunk, 0, CHUNK, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10); // standard input not ready yet
          continue;
        }
        if ((e as NodeJS.ErrnoException).code === 'EOF') break;
        throw cannotRead(path, (e as Error).message);
      }
      if (n === 0) break;
      total += n;
      if (total > limit) throw tooLarge(path, limit);
      chunks.push(chunk.subarray(0, n));
    }
    return Buffer.concat(chunks, total);
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

/** Bytes as UTF-8 text (a byte order mark kept, as the parsers expect), or a CliError naming the first line that is not. */
export function decodeUtf8(path: string, bytes: Uint8Array): string {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    return decoder.decode(bytes);
  } catch {
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
      throw new CliError(`${shown(path)} is UTF-16 text: save it as UTF-8 (CSV UTF-8 in Excel) and try again; nothing was read from it`);
    // A newline byte never occurs inside a UTF-8 character, so the file can be checked line by line.
    let line = 1;
    for (let start = 0; start <= bytes.length; line++) {
      const newline = bytes.indexOf(0x0a, start);
      const end = newline === -1 ? bytes.length : newline;
      try {
        decoder.decode(bytes.subarray(start, end));
      } catch {
        break;
      }
      start = end + 1;
    }
    throw new CliError(`${shown(path)}: line ${line} is not UTF-8 text: save the file as UTF-8 (CSV UTF-8 in Excel) and try again; nothing was read from it`);
  }
}

export function problemsText(file: string, kind: 'error' | 'warning', problems: FileProblem[]): string {
  return problems.map((p) => `${file}: ${kind}: ${formatProblem(p)}`).join('\n');
}

/** Parses an assessment file or throws a CliError listing every problem. */
export function readAssessmentFile(framework: Framework, path: string, options: { format?: string; strict?: boolean }) {
  const format = (options.format ?? formatFromFileName(path)) as 'csv' | 'json' | undefined;
  if (format !== 'csv' && format !== 'json')
    throw new CliError(`Cannot tell the format of ${path}: name it .csv or .json, or pass --format csv|json`, 2);
  const result = parseAssessmentFile(framework, readInput(path), format, { strict: options.strict ?? false });
  if (result.warnings.length) process.stderr.write(problemsText(path, 'warning', result.warnings) + '\n');
  if (!result.ok)
    throw new CliError(
      `${problemsText(path, 'error', result.errors)}\n${path}: rejected with ${result.errors.length} error${result.errors.length === 1 ? '' : 's'}; nothing was imported.`,
    );
  return result;
}
