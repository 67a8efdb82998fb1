// A ZIP archive of stored (uncompressed) entries, enough for tests of what a file's bytes are (a Word
// document is a ZIP holding word/document.xml). CRCs are left zero: nothing here reads them.
export function tinyZip(entries: Record<string, string>, comment = ''): Uint8Array {
  const enc = new TextEncoder();
  const parts: number[] = [];
  const central: number[] = [];
  const u16 = (to: number[], v: number) => to.push(v & 0xff, (v >> 8) & 0xff);
  const u32 = (to: number[], v: number) => to.push(v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff);
  let count = 0;
  for (const [name, text] of Object.entries(entries)) {
    const n = enc.encode(name);
    const data = enc.encode(text);
    const offset = parts.length;
    u32(parts, 0x04034b50);
    for (const v of [20, 0, 0, 0, 0]) u16(parts, v);
    u32(parts, 0);
    u32(parts, data.length);
    u32(parts, data.length);
    u16(parts, n.length);
    u16(parts, 0);
    parts.push(...n, ...data);
    u32(central, 0x02014b50);
    for (const v of [20, 20, 0, 0, 0, 0]) u16(central, v);
    u32(central, 0);
    u32(central, data.length);
    u32(central, data.length);
    for (const v of [n.length, 0, 0, 0, 0]) u16(central, v);
    u32(central, 0);
    u32(central, offset);
    central.push(...n);
    count++;
  }
  const c = enc.encode(comment);
  const end: number[] = [];
  u32(end, 0x06054b50);
  for (const v of [0, 0, count, count]) u16(end, v);
  u32(end, central.length);
  u32(end, parts.length);
  u16(end, c.length);
  return new Uint8Array([...parts, ...central, ...end, ...c]);
}
