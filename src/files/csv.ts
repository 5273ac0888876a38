// Writing CSV the way files.md asks: every field in double quotes, CRLF, CP932 (or UTF-8 with a BOM), formula cells guarded.
import iconv from "iconv-lite";
import { foldCp932 } from "../domain/cp932-fold.ts";

/** `shift_jis` is Shift_JIS as Windows writes it (CP932 / Windows-31J); `utf-8` is UTF-8 with a BOM. */
export type CsvEncoding = "shift_jis" | "utf-8";

export const utf8Bom: Buffer = Buffer.from([0xef, 0xbb, 0xbf]);

export const recordDelimiter = "\r\n";

/** files.md: `=`, `+`, `-`, `@`, tab and CR start a formula in Excel. */
function startsFormula(code: number): boolean {
  return code === 0x3d || code === 0x2b || code === 0x2d || code === 0x40 || code === 0x09 || code === 0x0d;
}

/** files.md: a cell that starts with `=`, `+`, `-`, `@`, tab or CR is prefixed with `'` so Excel takes it as text. */
export function guardFormula(value: string): string {
  return value !== "" && startsFormula(value.charCodeAt(0)) ? `'${value}` : value;
}

/** One field as written: guarded, a quote inside doubled, in double quotes. */
export function quoteField(value: string): string {
  const guarded = guardFormula(value);
  return `"${guarded.includes('"') ? guarded.replaceAll('"', '""') : guarded}"`;
}

export function decodeCp932(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "cp932");
}

// The CP932 bytes of each UTF-16 code unit met so far (outside the surrogates), as iconv-lite writes
// them: a byte below 0x100, a pair as (lead << 8) | trail; `?` where CP932 has nothing. Filled as
// characters are met: a file uses a few thousand distinct ones at most, and finding all 63,488 up
// front would hold the event loop for tens of milliseconds on the first export.
const unknown = 0xffff;
const cp932Table = new Uint16Array(0x10000).fill(unknown);

function learnCp932(code: number): number {
  // foldCp932 first: the JIS code points Windows maps elsewhere take their Windows counterparts' bytes.
  const bytes = iconv.encode(foldCp932(String.fromCharCode(code)), "cp932");
  const value = bytes.length === 2 ? ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0) : (bytes[0] ?? 0x3f);
  cp932Table[code] = value;
  return value;
}

/** Bytes a chunk holds before it is handed over (its buffer has room beyond, for the line that fills it). */
export const defaultChunkSize = 128 * 1024;
const lineRoom = 16 * 1024;

/**
 * Writes CSV straight into byte chunks, field by field: each field is quoted, guarded and encoded in
 * one pass over its characters, with no intermediate strings (a 100,000-line export would otherwise
 * make millions of them). The bytes are those of quoteField on each field, joined by commas, lines
 * ended by CRLF, encoded as a whole by iconv-lite (CP932, after foldCp932) or Buffer (UTF-8):
 * CP932 is stateless, and a surrogate pair never spans two fields.
 */
export class CsvWriter {
  readonly encoding: CsvEncoding;
  readonly chunkSize: number;
  /** CP932 bytes per code unit; undefined for UTF-8. */
  readonly #cp932: Uint16Array | undefined;
  #buffer: Buffer;
  #length = 0;

  constructor(encoding: CsvEncoding, chunkSize: number = defaultChunkSize) {
    this.encoding = encoding;
    this.chunkSize = chunkSize;
    this.#cp932 = encoding === "shift_jis" ? cp932Table : undefined;
    this.#buffer = Buffer.allocUnsafe(chunkSize + lineRoom);
    // files.md: `?encoding=utf-8` gives UTF-8 with a BOM.
    if (encoding === "utf-8") this.#length = utf8Bom.copy(this.#buffer, 0);
  }

  /** Appends one field and the comma after it. */
  field(value: string): void {
    const n = value.length;
    // At most 3 bytes a code unit (UTF-8; CP932 2, a doubled quote 2), and quotes, guard, comma.
    if (this.#length + 3 * n + 4 > this.#buffer.length) this.#grow(3 * n + 4);
    const out = this.#buffer;
    const cp932 = this.#cp932;
    let at = this.#length;
    out[at++] = 0x22;
    if (n > 0 && startsFormula(value.charCodeAt(0))) out[at++] = 0x27;
    for (let i = 0; i < n; i += 1) {
      const c = value.charCodeAt(i);
      if (c < 0x80) {
        // ASCII is its own byte in both encodings (CP932 as iconv-lite writes it included).
        out[at++] = c;
        if (c === 0x22) out[at++] = 0x22;
      } else if (c >= 0xd800 && c < 0xe000) {
        // A surrogate pair is one character (CP932 has none of them: `?`); a lone surrogate is written
        // as iconv-lite (`?`) and Buffer (U+FFFD) write it.
        const next = i + 1 < n ? value.charCodeAt(i + 1) : 0;
        const pair = c < 0xdc00 && next >= 0xdc00 && next < 0xe000;
        if (pair) i += 1;
        if (cp932 !== undefined) {
          out[at++] = 0x3f;
        } else if (pair) {
          const point = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          out[at++] = 0xf0 | (point >> 18);
          out[at++] = 0x80 | ((point >> 12) & 0x3f);
          out[at++] = 0x80 | ((point >> 6) & 0x3f);
          out[at++] = 0x80 | (point & 0x3f);
        } else {
          out[at++] = 0xef;
          out[at++] = 0xbf;
          out[at++] = 0xbd;
        }
      } else if (cp932 !== undefined) {
        let code = cp932[c] ?? unknown;
        if (code === unknown) code = learnCp932(c);
        if (code > 0xff) out[at++] = code >> 8;
        out[at++] = code & 0xff;
      } else if (c < 0x800) {
        out[at++] = 0xc0 | (c >> 6);
        out[at++] = 0x80 | (c & 0x3f);
      } else {
        out[at++] = 0xe0 | (c >> 12);
        out[at++] = 0x80 | ((c >> 6) & 0x3f);
        out[at++] = 0x80 | (c & 0x3f);
      }
    }
    out[at++] = 0x22;
    out[at++] = 0x2c;
    this.#length = at;
  }

  /** Appends bytes made by encoded() on a writer of the same encoding. */
  bytes(encoded: Uint8Array): void {
    const n = encoded.length;
    if (this.#length + n > this.#buffer.length) this.#grow(n);
    // Most pieces are a few bytes: a loop beats the call into set() for them.
    if (n > 64) {
      this.#buffer.set(encoded, this.#length);
      this.#length += n;
      return;
    }
    const out = this.#buffer;
    let at = this.#length;
    for (let i = 0; i < n; i += 1) out[at++] = encoded[i] as number;
    this.#length = at;
  }

  /**
   * What `write` appends (fields, an end of line), as bytes of their own rather than in the chunk:
   * for the parts of a line that repeat from line to line, encoded once and appended with bytes().
   */
  encoded(write: (writer: this) => void): Uint8Array {
    const start = this.#length;
    write(this);
    const bytes = new Uint8Array(this.#buffer.subarray(start, this.#length));
    this.#length = start;
    return bytes;
  }

  /** Ends the line: the comma after its last field becomes CRLF. */
  endLine(): void {
    if (this.#length + 1 > this.#buffer.length) this.#grow(1);
    this.#buffer[this.#length - 1] = 0x0d;
    this.#buffer[this.#length++] = 0x0a;
  }

  /** Appends one record. */
  record(values: readonly string[]): void {
    if (values.length === 0) {
      this.#grow(2);
      this.#length += this.#buffer.write(recordDelimiter, this.#length, "latin1");
      return;
    }
    for (const value of values) this.field(value);
    this.endLine();
  }

  #grow(needed: number): void {
    if (this.#length + needed <= this.#buffer.length) return;
    // A chunk is handed over only after the line that fills it, so one very long line grows the buffer.
    const larger = Buffer.allocUnsafe(Math.max(this.#buffer.length * 2, this.#length + needed));
    this.#buffer.copy(larger, 0, 0, this.#length);
    this.#buffer = larger;
  }

  /** True when the chunk is full and should be taken. */
  get full(): boolean {
    return this.#length >= this.chunkSize;
  }

  get pendingBytes(): number {
    return this.#length;
  }

  /** The bytes written since the last take; the next lines go to a new buffer. */
  take(): Buffer {
    const chunk = this.#buffer.subarray(0, this.#length);
    this.#buffer = this.#length === 0 ? this.#buffer : Buffer.allocUnsafe(this.chunkSize + lineRoom);
    this.#length = 0;
    return chunk;
  }
}

/** A whole small CSV file (templates, tests): the BOM for UTF-8, then every record. */
export function writeCsv(records: readonly (readonly string[])[], encoding: CsvEncoding): Buffer {
  const writer = new CsvWriter(encoding);
  for (const r of records) writer.record(r);
  return writer.take();
}
