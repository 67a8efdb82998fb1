// JSON text to a value, like JSON.parse, but saying where (line and column) the text stops being
// JSON on every Node version, and noticing a key given twice in one object, which JSON.parse
// silently resolves by keeping the last.
import { childPath } from './rows.ts';

export type JsonRead =
  | { ok: true; value: unknown; duplicateKeys: { path: string; key: string }[] }
  | { ok: false; message: string; line: number; column: number };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function readJson(text: string): JsonRead {
  let i = 0;
  const duplicateKeys: { path: string; key: string }[] = [];
  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxError(i >= text.length && at >= text.length ? 'the text ends too soon' : message, at);
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const expect = (ch: string, what: string) => {
    space();
    if (text[i] !== ch) fail(`expected ${what}`);
    i++;
  };

  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail('a line break or control character inside a string; write it as \\n or \\t');
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail('a string is never closed', start);
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return fail('a string has an invalid escape (\\)', start);
    }
  };

  const value = (path: string): unknown => {
    space();
    const ch = text[i];
    if (ch === '{') return object(path);
    if (ch === '[') return array(path);
    if (ch === '"') return string();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const)
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m) {
      i += m[0].length;
      return Number(m[0]);
    }
    return fail('expected a value (a string in double quotes, number, object, array, true, false or null)');
  };

  const object = (path: string): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    const seen = new Set<string>();
    i++;
    space();
    if (text[i] === '}') {
      i++;
      return result;
    }
    for (;;) {
      space();
      if (text[i] !== '"') fail('expected a property name in double quotes');
      const key = string();
      expect(':', "':' after the property name");
      const v = value(childPath(path, key));
      if (seen.has(key)) duplicateKeys.push({ path: childPath(path, key), key });
      else {
        seen.add(key);
        Object.defineProperty(result, key, { value: v, enumerable: true, writable: true, configurable: true });
      }
      space();
      if (text[i] === ',') i++;
      else if (text[i] === '}') {
        i++;
        return result;
      } else fail("expected ',' or '}'");
    }
  };

  const array = (path: string): unknown[] => {
    const result: unknown[] = [];
    i++;
    space();
    if (text[i] === ']') {
      i++;
      return result;
    }
    for (;;) {
      result.push(value(childPath(path, result.length)));
      space();
      if (text[i] === ',') i++;
      else if (text[i] === ']') {
        i++;
        return result;
      } else fail("expected ',' or ']'");
    }
  };

  try {
    const v = value('');
    space();
    if (i < text.length) fail('unexpected text after the end of the JSON document');
    return { ok: true, value: v, duplicateKeys };
  } catch (e) {
    if (e instanceof RangeError) return { ok: false, message: 'the document is nested too deeply', line: 1, column: 1 };
    if (!(e instanceof JsonSyntaxError)) throw e;
    const before = text.slice(0, e.offset);
    const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
    const line = (before.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
    return { ok: false, message: e.message, line, column: e.offset - lineStart + 1 };
  }
}
