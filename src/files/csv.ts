// Writing CSV the way files.md asks: every field in double quotes, CRLF, CP932 (or UTF-8 with a BOM), formula cells guarded.
import iconv from "iconv-lite";
import { foldCp932 } from "../domain/cp932-fold.ts";

/** `shift_jis` is Shift_JIS as Windows writes it (CP932 / Windows-31J); `utf-8` is UTF-8 with a BOM. */
export type CsvEncoding = "shift_jis" | "utf-8";

export const utf8Bom: Buffer = Buffer.from([0xef, 0xbb, 0xbf]);

export const recordDelimiter = "\r\n";

/** files.md: a cell that starts with `=`, `+`, `-`, `@`, tab or CR is prefixed with `'` so Excel takes it as text. */
export function guardFormula(value: string): string {
  if (value === "") return value;
  switch (value.charCodeAt(0)) {
    case 0x3d: // =
    case 0x2b: // +
    case 0x2d: // -
    case 0x40: // @
    case 0x09: // tab
    case 0x0d: // CR
      return `'${value}`;
    default:
      return value;
  }
}

/** One field as written: guarded, a quote inside doubled, in double quotes. */
export function quoteField(value: string): string {
  const guarded = guardFormula(value);
  return `"${guarded.includes('"') ? guarded.replaceAll('"', '""') : guarded}"`;
}

export function decodeCp932(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "cp932");
}

// A field that needs nothing but its quotes: no formula start, no quote inside; for Shift_JIS also plain ASCII.
const plainUtf8 = /^(?:[^=+\-@\t\r"][^"]*)?$/;
const plainAscii = /^(?:[^=+\-@\t\r"\u0080-\uffff][^"\u0080-\uffff]*)?$/;
const ascii = /^[\x00-\x7f]*$/;
const repeatedCacheSize = 4096;

/** Bytes a chunk holds before it is handed over (its buffer has room beyond, for the line that fills it). */
export const defaultChunkSize = 128 * 1024;
const lineRoom = 16 * 1024;

/**
 * Writes CSV into byte chunks, a line at a time. Fields are quoted and guarded as quoteField does.
 * With Shift_JIS, a field that is not plain ASCII is encoded by iconv-lite on its own and kept as a
 * "binary" string (one char per byte); CP932 is stateless and leaves ASCII as it is, so this gives
 * the same bytes as encoding the whole text at once. Each line is copied into the chunk's buffer as
 * soon as it is made, so no text outlives its line and memory stays flat whatever the row count.
 */
export class CsvWriter {
  readonly encoding: CsvEncoding;
  readonly chunkSize: number;
  readonly #plain: RegExp;
  readonly #byteEncoding: "utf8" | "latin1";
  readonly #encoder = iconv.getEncoder("cp932");
  // Values that repeat on many lines (group names), as written. Bounded, and never emptied: once
  // full it stops taking new values rather than churning.
  readonly #repeated = new Map<string, string>();
  #buffer: Buffer;
  #length = 0;

  constructor(encoding: CsvEncoding, chunkSize: number = defaultChunkSize) {
    this.encoding = encoding;
    this.chunkSize = chunkSize;
    this.#plain = encoding === "utf-8" ? plainUtf8 : plainAscii;
    this.#byteEncoding = encoding === "utf-8" ? "utf8" : "latin1";
    this.#buffer = Buffer.allocUnsafe(chunkSize + lineRoom);
    // files.md: `?encoding=utf-8` gives UTF-8 with a BOM.
    if (encoding === "utf-8") this.#length = utf8Bom.copy(this.#buffer, 0);
  }

  /** One field, ready to join with `,`. */
  field(value: string): string {
    return this.#plain.test(value) ? `"${value}"` : this.#write(quoteField(value));
  }

  /** field(), for values that repeat from line to line: written once. */
  repeated(value: string): string {
    if (this.#plain.test(value)) return `"${value}"`;
    let written = this.#repeated.get(value);
    if (written === undefined) {
      written = this.#write(quoteField(value));
      if (this.#repeated.size < repeatedCacheSize) this.#repeated.set(value, written);
    }
    return written;
  }

  #write(quoted: string): string {
    if (this.encoding === "utf-8" || ascii.test(quoted)) return quoted;
    // What iconv.encode does, with one encoder for the whole file (write, then end for a dangling surrogate).
    // iconv-lite's CP932 knows only Windows' code points: a 〜 typed on a Mac would come out as ? in Excel.
    const head = this.#encoder.write(foldCp932(quoted));
    const tail = this.#encoder.end();
    return head.toString("latin1") + (tail === undefined ? "" : tail.toString("latin1"));
  }

  /** Appends a line made of field() / repeated() results joined by `,`, without its CRLF. */
  line(fields: string): void {
    const text = fields + recordDelimiter;
    const most = this.#byteEncoding === "utf8" ? text.length * 3 : text.length;
    if (this.#length + most > this.#buffer.length) {
      // A chunk is handed over only after the line that fills it, so one very long line grows the buffer.
      const larger = Buffer.allocUnsafe(Math.max(this.#buffer.length * 2, this.#length + most));
      this.#buffer.copy(larger, 0, 0, this.#length);
      this.#buffer = larger;
    }
    this.#length += this.#buffer.write(text, this.#length, this.#byteEncoding);
  }

  /** Appends one record. */
  record(values: readonly string[]): void {
    let fields = "";
    for (let i = 0; i < values.length; i += 1) fields += i === 0 ? this.field(values[i] ?? "") : `,${this.field(values[i] ?? "")}`;
    this.line(fields);
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
