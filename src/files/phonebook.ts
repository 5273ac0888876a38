// Shared phonebook files (共通電話帳, files.md): CSV (Shift_JIS or UTF-8) and vCard 3.0 / 4.0 to entries, with
// per-line errors and warnings for characters outside JIS X 0208, and the CSV template.
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { foldCp932 } from "../domain/cp932-fold.ts";
import { lineIssue, sortIssues, type LineIssue } from "../domain/line-issue.ts";
import {
  checkPhonebookEntry,
  entryLabels,
  maxPhonebookBytes,
  maxPhonebookEntries,
  type EntryInput,
  type PhonebookEntry,
  type PhonebookFormat,
  type PhonebookWarning,
} from "../domain/phonebook/phonebook.ts";
import { isUtf8Text } from "./bulk-file.ts";
import { writeCsv } from "./csv.ts";

/** files.md: the CSV header, in this order. */
export const phonebookHeader = ["名前", "フリガナ", "会社名", "部署", "電話番号1", "電話番号2", "電話番号3", "メールアドレス", "メモ"] as const;

/** The CSV template: Shift_JIS (CP932), CRLF, every field quoted; the header and one example entry. */
export function phonebookTemplate(): Buffer {
  return writeCsv([[...phonebookHeader], ["山田 太郎", "ヤマダ タロウ", "株式会社サンプル", "営業部", "0312345678", "09012345678", "", "taro.yamada@example.jp", ""]], "shift_jis");
}

/**
 * Whether one character is in JIS X 0208 (or is ASCII / half-width katakana, JIS X 0201): it is encoded by
 * iconv-lite as CP932 (Windows' Shift_JIS, the JIS code points Windows maps elsewhere taken as theirs) and the
 * two bytes must fall in the standard's rows: 1–8 (symbols, kana, Latin, Greek, Cyrillic, box drawing) or
 * 16–84 (kanji levels 1 and 2; row 84 up to cell 6). CP932's own additions lie outside: NEC row 13 (①, ㈱, Ⅰ),
 * the NEC-selected IBM rows 89–92 and the IBM extensions (髙, 﨑, ⅰ). Characters CP932 lacks (emoji, 𠮷, 鷗) are
 * outside too.
 */
function inJisX0208(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x80 || (code >= 0xff61 && code <= 0xff9f)) return true;
  const bytes = iconv.encode(foldCp932(ch), "cp932");
  if (bytes.length !== 2) return false;
  const [s1, s2] = bytes as unknown as [number, number];
  let row: number;
  if (s1 >= 0x81 && s1 <= 0x9f) row = (s1 - 0x81) * 2 + 1;
  else if (s1 >= 0xe0 && s1 <= 0xef) row = (s1 - 0xc1) * 2 + 1;
  else return false;
  const second = s2 >= 0x9f;
  if (second) row += 1;
  const cell = second ? s2 - 0x9e : s2 - 0x3f - (s2 >= 0x80 ? 1 : 0);
  if (row >= 1 && row <= 8) return true;
  if (row >= 16 && row <= 83) return true;
  return row === 84 && cell <= 6;
}

const checked = new Map<string, boolean>();

/** The distinct characters of the text outside JIS X 0208 (環境依存文字), in order of appearance. */
export function outsideJisX0208(text: string): string[] {
  const out: string[] = [];
  for (const ch of text) {
    let inside = checked.get(ch);
    if (inside === undefined) {
      inside = inJisX0208(ch);
      if (checked.size < 65_536) checked.set(ch, inside);
    }
    if (!inside && !out.includes(ch)) out.push(ch);
  }
  return out;
}

function warningsOf(entry: PhonebookEntry): PhonebookWarning[] {
  const warnings: PhonebookWarning[] = [];
  const fields: [keyof typeof entryLabels, string][] = [
    ["name", entry.name],
    ["kana", entry.kana],
    ["company", entry.company],
    ["department", entry.department],
    ["email", entry.email],
    ["memo", entry.memo],
  ];
  for (const [key, value] of fields) {
    const characters = outsideJisX0208(value);
    if (characters.length === 0) continue;
    warnings.push({
      line: entry.line,
      field: entryLabels[key],
      characters,
      message: `「${entryLabels[key]}」に環境依存文字「${characters.join("」「")}」があります。アプリによっては文字化けして表示される場合があります。`,
      messageEn: `${key} has characters outside JIS X 0208 (${characters.join(" ")}); some apps may show them garbled.`,
    });
  }
  return warnings;
}

export interface ParsedPhonebook {
  readonly format: PhonebookFormat | undefined;
  readonly encoding: "shift_jis" | "utf-8" | undefined;
  readonly entries: readonly PhonebookEntry[];
  readonly warnings: readonly PhonebookWarning[];
  /** Every error, the file's first, then by line; the upload is refused when there is one. */
  readonly errors: readonly LineIssue[];
}

/** The start offset of every line (CRLF, LF or CR ends one) of a text or of its UTF-8 bytes, to name the line of an offset. */
function lineStarts(text: string | Uint8Array): number[] {
  const starts = [0];
  const at = typeof text === "string" ? (i: number) => text.charCodeAt(i) : (i: number) => text[i] ?? -1;
  for (let i = 0; i < text.length; i += 1) {
    const c = at(i);
    if (c === 0x0d && at(i + 1) === 0x0a) {
      starts.push(i + 2);
      i += 1;
    } else if (c === 0x0a || c === 0x0d) {
      starts.push(i + 1);
    }
  }
  return starts;
}

function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

const notText = { ja: "電話帳ファイルの文字コードがShift_JISでもUTF-8でもありません。", en: "The phonebook file is neither Shift_JIS nor UTF-8." };

/** The file's text: UTF-8 with a BOM (or valid UTF-8 with Japanese text) or Shift_JIS (CP932); lines that are neither are errors. */
function decode(bytes: Uint8Array, errors: LineIssue[]): { text: string; encoding: "shift_jis" | "utf-8" } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    const text = buffer.subarray(3).toString("utf8");
    const starts = lineStarts(text);
    for (let i = text.indexOf("\ufffd"); i >= 0; i = text.indexOf("\ufffd", i + 1)) errors.push(lineIssue(lineAt(starts, i), "8061", { message: notText, details: { detected: "utf-8" } }));
    return { text, encoding: "utf-8" };
  }
  if (isUtf8Text(bytes)) return { text: buffer.toString("utf8"), encoding: "utf-8" };
  const text = iconv.decode(buffer, "cp932");
  const starts = lineStarts(text);
  let last = 0;
  for (let i = text.search(/[\ufffd\u0080]/); i >= 0; ) {
    const line = lineAt(starts, i);
    if (line !== last) errors.push(lineIssue(line, "8061", { message: notText }));
    last = line;
    const next = text.slice(i + 1).search(/[\ufffd\u0080]/);
    i = next < 0 ? -1 : i + 1 + next;
  }
  return { text, encoding: "shift_jis" };
}

/** Entries checked one by one: errors collected, warnings for the entries kept; more than 10,000 entries is 8123. */
function collect(inputs: readonly EntryInput[], errors: LineIssue[]): { entries: PhonebookEntry[]; warnings: PhonebookWarning[] } {
  const entries: PhonebookEntry[] = [];
  const warnings: PhonebookWarning[] = [];
  for (const [i, input] of inputs.entries()) {
    if (i === maxPhonebookEntries) {
      errors.push(lineIssue(input.line, "8123", { details: { maxEntries: maxPhonebookEntries }, message: { ja: `共通電話帳は${maxPhonebookEntries}件までです。`, en: `At most ${maxPhonebookEntries} entries.` } }));
      break;
    }
    const { entry, issues } = checkPhonebookEntry(input);
    errors.push(...issues);
    if (entry === undefined) continue;
    entries.push(entry);
    warnings.push(...warningsOf(entry));
  }
  return { entries, warnings };
}

function parseCsvText(text: string, errors: LineIssue[]): EntryInput[] {
  // csv-parse counts where a record ends in bytes of UTF-8, so the lines are found in those bytes too.
  const utf8 = Buffer.from(text, "utf8");
  const starts = lineStarts(utf8);
  const records = parse(utf8, {
    encoding: "utf8",
    relax_column_count: true,
    info: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      errors.push(lineIssue(typeof error?.lines === "number" ? error.lines : null, "8070", { details: { rule: "csv", reason: error?.code }, message: { ja: "ダブルクォーテーションの対応が正しくありません。", en: "The line is not valid CSV (a double quote is not closed, or text follows a closing quote)." } }));
      return undefined;
    },
  }) as unknown as { record: string[]; info: { bytes: number } }[];
  const inputs: EntryInput[] = [];
  let headerSeen = false;
  for (const { record, info } of records) {
    // The record ends at info.bytes (after its line end); it starts as many lines up as its fields hold breaks.
    const inner = record.reduce((n, v) => n + (v.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
    const line = lineAt(starts, Math.max(0, info.bytes - 1)) - inner;
    if (!headerSeen) {
      headerSeen = true;
      const header = record.map((v) => v.trim());
      if (header.length !== phonebookHeader.length || !phonebookHeader.every((h, i) => header[i] === h)) {
        errors.push(lineIssue(line, "8070", { details: { rule: "header", expected: phonebookHeader }, message: { ja: `1行目は見出し「${phonebookHeader.join(",")}」にしてください。`, en: `Line 1 must be the header ${phonebookHeader.join(",")}.` } }));
        return [];
      }
      continue;
    }
    if (record.length !== phonebookHeader.length) {
      errors.push(lineIssue(line, "8069", { details: { expected: phonebookHeader.length, found: record.length }, message: { ja: `項目数が${record.length}です。共通電話帳のデータは${phonebookHeader.length}項目です。`, en: `${record.length} fields; phonebook lines have ${phonebookHeader.length}.` } }));
      continue;
    }
    const [name = "", kana = "", company = "", department = "", tel1 = "", tel2 = "", tel3 = "", email = "", memo = ""] = record;
    inputs.push({ line, name, kana, company, department, phones: [tel1, tel2, tel3].map((value) => ({ value, line })), email, memo });
  }
  if (!headerSeen) errors.push(lineIssue(1, "8070", { details: { rule: "header" }, message: { ja: `1行目は見出し「${phonebookHeader.join(",")}」にしてください。`, en: `Line 1 must be the header.` } }));
  return inputs;
}

interface Property {
  readonly line: number;
  readonly name: string;
  readonly params: ReadonlyMap<string, string[]>;
  readonly value: string;
}

/** Splits on a separator not escaped by a backslash (vCard structured values: N, ORG). */
function splitEscaped(value: string, separator: string): string[] {
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < value.length; i += 1) {
    const c = value[i] as string;
    if (c === "\\" && i + 1 < value.length) {
      current += c + (value[i + 1] as string);
      i += 1;
    } else if (c === separator) {
      parts.push(current);
      current = "";
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

/** vCard text escapes: \n \N → line break, \, \; \\ → the character. */
function unescapeText(value: string): string {
  return value.replace(/\\([nN,;:\\])/g, (_m, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

function paramsOf(parts: readonly string[]): Map<string, string[]> {
  const params = new Map<string, string[]>();
  for (const part of parts) {
    const eq = part.indexOf("=");
    // vCard 2.1 writes bare parameters: `TEL;CELL;VOICE:…`, `;QUOTED-PRINTABLE`.
    const key = eq < 0 ? (/^(QUOTED-PRINTABLE|BASE64|B|8BIT|7BIT)$/i.test(part) ? "ENCODING" : "TYPE") : part.slice(0, eq).toUpperCase();
    const raw = eq < 0 ? part : part.slice(eq + 1);
    const values = raw.split(",").map((v) => v.replace(/^"(.*)"$/, "$1"));
    params.set(key, [...(params.get(key) ?? []), ...values]);
  }
  return params;
}

/** Quoted-printable bytes (`=E5=B1=B1`, soft breaks already joined) in the property's charset. */
function decodeQuotedPrintable(value: string, charset: string): string | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    if (c === 0x3d && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 0x100) {
      bytes.push(c);
    } else {
      return undefined;
    }
  }
  if (!iconv.encodingExists(charset)) return undefined;
  return iconv.decode(Buffer.from(bytes), charset);
}

/** The logical lines of a vCard file: folded lines (a leading space or tab) joined, quoted-printable soft breaks too. */
function vcardProperties(text: string, encoding: "shift_jis" | "utf-8", errors: LineIssue[]): Property[] {
  const physical = text.split(/\r\n|\n|\r/);
  const logical: { line: number; text: string }[] = [];
  for (const [i, raw] of physical.entries()) {
    const previous = logical[logical.length - 1];
    if ((raw.startsWith(" ") || raw.startsWith("\t")) && previous !== undefined) {
      previous.text += raw.slice(1);
      continue;
    }
    // Quoted-printable (vCard 2.1 / 3.0 from phones): a line ending in "=" goes on with the next one.
    if (previous !== undefined && /QUOTED-PRINTABLE/i.test(previous.text.slice(0, Math.max(0, previous.text.indexOf(":")))) && previous.text.endsWith("=")) {
      previous.text = previous.text.slice(0, -1) + raw;
      continue;
    }
    logical.push({ line: i + 1, text: raw });
  }
  const properties: Property[] = [];
  for (const { line, text: l } of logical) {
    if (l.trim() === "") continue;
    // The name and parameters end at the first colon outside a quoted parameter value.
    let colon = -1;
    let quoted = false;
    for (let i = 0; i < l.length; i += 1) {
      if (l[i] === '"') quoted = !quoted;
      else if (l[i] === ":" && !quoted) {
        colon = i;
        break;
      }
    }
    if (colon < 0) {
      errors.push(lineIssue(line, "8070", { details: { rule: "vcard" }, message: { ja: "vCardの行として読めません。", en: "Not a vCard line." } }));
      continue;
    }
    const [head = "", ...paramParts] = splitEscaped(l.slice(0, colon), ";");
    const name = head.slice(head.lastIndexOf(".") + 1).toUpperCase();
    const params = paramsOf(paramParts);
    let value = l.slice(colon + 1);
    if ((params.get("ENCODING") ?? []).some((e) => /^QUOTED-PRINTABLE$/i.test(e))) {
      const charset = params.get("CHARSET")?.[0] ?? (encoding === "utf-8" ? "utf-8" : "cp932");
      const decoded = decodeQuotedPrintable(value, /^shift_jis$/i.test(charset) ? "cp932" : charset);
      if (decoded === undefined) {
        errors.push(lineIssue(line, "8070", { details: { rule: "quotedPrintable", charset }, message: { ja: `quoted-printableの値を文字コード「${charset}」で読めません。`, en: `Can't read the quoted-printable value as ${charset}.` } }));
        continue;
      }
      value = decoded;
    }
    properties.push({ line, name, params, value });
  }
  return properties;
}

function parseVcardText(text: string, encoding: "shift_jis" | "utf-8", errors: LineIssue[]): EntryInput[] {
  // Anything else renamed .vcf (a CSV, a note) is one error, not one per line.
  const lines = text.split(/\r\n|\n|\r/);
  const first = lines.findIndex((l) => l.trim() !== "");
  if (first < 0) return [];
  if (!/^BEGIN:VCARD$/i.test((lines[first] ?? "").trim())) {
    errors.push(lineIssue(first + 1, "8070", { details: { rule: "vcard" }, message: { ja: "vCardファイルは「BEGIN:VCARD」で始まります。", en: "A vCard file starts with BEGIN:VCARD." } }));
    return [];
  }
  const properties = vcardProperties(text, encoding, errors);
  const inputs: EntryInput[] = [];
  let card: { line: number; fn: string; n: string; kana: string[]; sortAs: string; org: string[]; phones: { value: string; line: number }[]; email: string; memo: string } | undefined;
  const close = () => {
    if (card === undefined) return;
    const [family = "", given = ""] = splitEscaped(card.n, ";").map(unescapeText);
    const name = card.fn !== "" ? card.fn : [family, given].filter((p) => p.trim() !== "").join(" ");
    const kana = card.kana.filter((k) => k.trim() !== "").join(" ") || card.sortAs;
    const [company = "", ...department] = card.org;
    inputs.push({ line: card.line, name, kana, company, department: department.filter((d) => d !== "").join(" "), phones: card.phones, email: card.email, memo: card.memo });
    card = undefined;
  };
  for (const p of properties) {
    if (p.name === "BEGIN" && p.value.trim().toUpperCase() === "VCARD") {
      if (card !== undefined) {
        errors.push(lineIssue(card.line, "8070", { details: { rule: "vcard" }, message: { ja: "「END:VCARD」がありません。", en: "END:VCARD is missing." } }));
        card = undefined;
      }
      card = { line: p.line, fn: "", n: "", kana: [], sortAs: "", org: [], phones: [], email: "", memo: "" };
      continue;
    }
    if (card === undefined) {
      errors.push(lineIssue(p.line, "8070", { details: { rule: "vcard" }, message: { ja: "「BEGIN:VCARD」と「END:VCARD」の間にない行があります。", en: "A line outside BEGIN:VCARD … END:VCARD." } }));
      continue;
    }
    switch (p.name) {
      case "END":
        close();
        break;
      case "FN":
        card.fn = unescapeText(p.value);
        break;
      case "N":
        card.n = p.value;
        // vCard 4.0: N;SORT-AS="ヤマダ,タロウ"
        if (card.sortAs === "") card.sortAs = (p.params.get("SORT-AS") ?? []).join(" ");
        break;
      case "SORT-STRING":
        card.sortAs = unescapeText(p.value);
        break;
      case "X-PHONETIC-LAST-NAME":
        card.kana.unshift(unescapeText(p.value));
        break;
      case "X-PHONETIC-FIRST-NAME":
        card.kana.push(unescapeText(p.value));
        break;
      case "SOUND":
        // Japanese phones: SOUND;X-IRMC-N:ﾔﾏﾀﾞ;ﾀﾛｳ;;;
        if ((p.params.get("TYPE") ?? []).some((t) => /^X-IRMC-N$/i.test(t))) card.kana = splitEscaped(p.value, ";").map(unescapeText).slice(0, 2);
        break;
      case "ORG":
        card.org = splitEscaped(p.value, ";").map(unescapeText);
        break;
      case "TEL": {
        // vCard 4.0 may give a tel: URI (`tel:+81-3-1234-5678;ext=12`): the number is before any parameter.
        const value = p.value.replace(/^tel:/i, "").split(";")[0] ?? "";
        card.phones.push({ value: unescapeText(value), line: p.line });
        break;
      }
      case "EMAIL":
        if (card.email === "") card.email = unescapeText(p.value);
        break;
      case "NOTE":
        card.memo = card.memo === "" ? unescapeText(p.value) : `${card.memo}\n${unescapeText(p.value)}`;
        break;
      default:
        break;
    }
  }
  if (card !== undefined) errors.push(lineIssue(card.line, "8070", { details: { rule: "vcard" }, message: { ja: "「END:VCARD」がありません。", en: "END:VCARD is missing." } }));
  return inputs;
}

/**
 * Reads a phonebook file (files.md): `.csv` with the header (Shift_JIS or UTF-8 with a BOM, CRLF or LF) or `.vcf`
 * (vCard 3.0 / 4.0; 2.1 from older phones is read too). Every entry needs a name and one valid number (8070 on
 * its line); text outside JIS X 0208 is kept and reported as a warning of its line. Empty 8057, binary 8059,
 * over 5 MB or 10,000 entries 8123, no entry 8066. Pure.
 */
export function parsePhonebookFile(fileName: string, bytes: Uint8Array): ParsedPhonebook {
  const errors: LineIssue[] = [];
  const done = (format: PhonebookFormat | undefined, encoding: ParsedPhonebook["encoding"], entries: PhonebookEntry[] = [], warnings: PhonebookWarning[] = []): ParsedPhonebook => ({
    format,
    encoding,
    entries,
    warnings,
    errors: sortIssues(errors),
  });
  const format: PhonebookFormat | undefined = /\.csv$/i.test(fileName) ? "csv" : /\.(vcf|vcard)$/i.test(fileName) ? "vcard" : undefined;
  if (format === undefined) {
    errors.push(lineIssue(null, "8056", { details: { fileName }, message: { ja: "共通電話帳ファイルの拡張子はcsvまたはvcfにしてください。", en: "A phonebook file is .csv or .vcf." } }));
    return done(undefined, undefined);
  }
  if (bytes.length === 0) {
    errors.push(lineIssue(null, "8057", { details: { reason: "empty" }, message: { ja: "共通電話帳ファイルが空です。", en: "The phonebook file is empty." } }));
    return done(format, undefined);
  }
  if (bytes.length > maxPhonebookBytes) {
    errors.push(lineIssue(null, "8123", { details: { maxBytes: maxPhonebookBytes } }));
    return done(format, undefined);
  }
  if (bytes.includes(0)) {
    errors.push(lineIssue(null, "8059", { details: { reason: "binary" }, message: { ja: "共通電話帳ファイルの読み込みに失敗しました。", en: "The phonebook file could not be read." } }));
    return done(format, undefined);
  }
  const { text, encoding } = decode(bytes, errors);
  const inputs = format === "csv" ? parseCsvText(text, errors) : parseVcardText(text, encoding, errors);
  const { entries, warnings } = collect(inputs, errors);
  if (inputs.length === 0 && errors.length === 0) {
    errors.push(lineIssue(null, "8066", { message: { ja: "共通電話帳のデータが存在しません。", en: "The phonebook file has no entries." } }));
  }
  return done(format, encoding, entries, warnings);
}
