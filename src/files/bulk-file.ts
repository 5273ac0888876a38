// The bulk registration file (一括登録, files.md): checked completely, every error with its line, and the templates.
import iconv from "iconv-lite";
import { DomainError } from "../domain/errors.ts";
import { checkExtension, checkExtensionGroupName } from "../domain/extension-group/extension-group.ts";
import { huntGroupNameMaxLength, orderRange } from "../domain/hunt-group/hunt-group.ts";
import { isImportKind, maxImportBytes, maxImportLines, type ImportKind, type ImportLine } from "../domain/import/import-plan.ts";
import { lineIssue, sortIssues, type LineIssue } from "../domain/line-issue.ts";
import { runSteps, stepSize, type Steps } from "../domain/steps.ts";
import { pickupGroupNameMaxLength } from "../domain/pickup-group/pickup-group.ts";
import { checkSubscriberId } from "../domain/subscriber/subscriber.ts";
import { checkText } from "../domain/text.ts";
import { writeCsv } from "./csv.ts";

/** files.md: line 2 of each kind, exactly as in the template. */
export const bulkHeaders: Readonly<Record<ImportKind, readonly string[]>> = {
  VPN: ["加入者ID", "内線グループ名", "内線番号"],
  HUNT: ["加入者ID", "代表グループ名", "着信順序"],
  PICKUP: ["加入者ID", "ピックアップグループ名"],
};

/** The one example line of each template (the UI says what it means; the file stays a valid file). */
const examples: Readonly<Record<ImportKind, readonly string[]>> = {
  VPN: ["abc001", "本社", "1001"],
  HUNT: ["abc001", "代表グループ1", "1"],
  PICKUP: ["abc001", "ピックアップグループ1"],
};

/** A template (一括登録用フォーマット): Shift_JIS (CP932), CRLF, every field quoted: the kind, the header, one example. */
export function bulkTemplate(kind: ImportKind): Buffer {
  return writeCsv([[kind], [...bulkHeaders[kind]], [...examples[kind]]], "shift_jis");
}

export interface BulkFile {
  /** Line 1's kind, or the kind line 2's header names when line 1 is wrong; undefined when neither says. */
  readonly kind: ImportKind | undefined;
  readonly encoding: "shift_jis" | "utf-8" | undefined;
  /** Data lines (line 3 on, empty lines aside). */
  readonly dataLines: number;
  /** The data lines without errors, their values checked. */
  readonly lines: readonly ImportLine[];
  /** Every error, the file's first, then by line. */
  readonly errors: readonly LineIssue[];
}

interface RawLine {
  /** 1-based */
  readonly number: number;
  readonly start: number;
  readonly end: number;
  /** What ended the line: CRLF as files.md asks, LF or CR alone (8058), or nothing (the file's last line). */
  readonly ending: "crlf" | "lf" | "cr" | "eof";
}

/** Splits the bytes at CR, LF and CRLF. Neither byte occurs inside a CP932 or UTF-8 character. */
function splitLines(bytes: Uint8Array): RawLine[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lines: RawLine[] = [];
  let start = 0;
  let nextLf = buffer.indexOf(0x0a, 0);
  let nextCr = buffer.indexOf(0x0d, 0);
  while (nextLf >= 0 || nextCr >= 0) {
    const end = nextCr >= 0 && (nextLf < 0 || nextCr < nextLf) ? nextCr : nextLf;
    const crlf = end === nextCr && nextLf === end + 1;
    lines.push({ number: lines.length + 1, start, end, ending: crlf ? "crlf" : end === nextLf ? "lf" : "cr" });
    start = crlf ? end + 2 : end + 1;
    if (nextLf >= 0 && nextLf < start) nextLf = buffer.indexOf(0x0a, start);
    if (nextCr >= 0 && nextCr < start) nextCr = buffer.indexOf(0x0d, start);
  }
  if (start < bytes.length) lines.push({ number: lines.length + 1, start, end: bytes.length, ending: "eof" });
  return lines;
}

function hasHighByte(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  for (let i = start; i < end; i += 1) if ((bytes[i] as number) >= 0x80) return true;
  return false;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Valid UTF-8 (TextDecoder, fatal) with at least one multi-byte character: a UTF-8 file, not Shift_JIS. */
export function isUtf8Text(bytes: Uint8Array): boolean {
  if (!hasHighByte(bytes)) return false;
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * One line's bytes as CP932 text (iconv-lite), or undefined when they are not CP932: a byte sequence iconv-lite
 * can't decode (U+FFFD), a byte Windows leaves undefined (0x80, 0xA0, 0xFD–0xFF), or text that does not survive
 * the round trip text → CP932 → text.
 */
export function decodeCp932Line(bytes: Uint8Array): string | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!hasHighByte(bytes)) return buffer.toString("latin1");
  const text = iconv.decode(buffer, "cp932");
  if (/[\ufffd\u0080-\u009f]/.test(text)) return undefined;
  return roundTripsCp932(text) ? text : undefined;
}

/** Every non-ASCII UTF-16 unit of the text, once. */
function distinctNonAscii(text: string): string {
  const seen = new Set<number>();
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) seen.add(c);
  }
  return Array.from(seen, (c) => String.fromCharCode(c)).join("");
}

function roundTripsCp932(text: string): boolean {
  return iconv.decode(iconv.encode(text, "cp932"), "cp932") === text;
}

interface Field {
  readonly value: string;
  readonly quoted: boolean;
}

interface Tokens {
  readonly fields: Field[];
  /** A tab or semicolon where a comma belongs (8079). */
  readonly otherSeparator: boolean;
  /** A quote left open or text after a closing quote (8080). */
  readonly malformed: boolean;
}

/**
 * One line's fields, knowing which were in double quotes (files.md: all of them, a quote inside doubled).
 * A library CSV parser would hide exactly what files.md asks to check per field and per line, so this is a
 * small tokenizer of one line; the bytes are decoded by iconv-lite / TextDecoder, never by hand.
 */
/** The line as files.md writes it: every field quoted, no quote inside, comma-separated. */
const plainQuotedLine = /^"[^"]*"(?:,"[^"]*")*$/;

export function tokenizeLine(s: string): Tokens {
  if (plainQuotedLine.test(s)) {
    return { fields: s.slice(1, -1).split('","').map((value) => ({ value, quoted: true })), otherSeparator: false, malformed: false };
  }
  const fields: Field[] = [];
  let otherSeparator = false;
  let malformed = false;
  let i = 0;
  const n = s.length;
  for (;;) {
    if (s[i] === '"') {
      let value = "";
      let closed = false;
      i += 1;
      for (;;) {
        const q = s.indexOf('"', i);
        if (q < 0) {
          value += s.slice(i);
          i = n;
          break;
        }
        value += s.slice(i, q);
        if (s[q + 1] === '"') {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        closed = true;
        break;
      }
      if (!closed) malformed = true;
      if (i < n && s[i] !== ",") {
        if (s[i] === "\t" || s[i] === ";") {
          otherSeparator = true;
        } else {
          // Text after the closing quote: the field is not one quoted value.
          malformed = true;
          const comma = s.indexOf(",", i);
          value += comma < 0 ? s.slice(i) : s.slice(i, comma);
          i = comma < 0 ? n : comma;
        }
      }
      fields.push({ value, quoted: closed });
    } else {
      const comma = s.indexOf(",", i);
      const value = comma < 0 ? s.slice(i) : s.slice(i, comma);
      if (value.includes("\t")) otherSeparator = true;
      fields.push({ value, quoted: false });
      i = comma < 0 ? n : comma;
    }
    if (i >= n) break;
    // s[i] is the separator (comma, or a tab / semicolon already noted)
    i += 1;
    if (i === n) {
      fields.push({ value: "", quoted: false });
      break;
    }
  }
  return { fields, otherSeparator, malformed };
}

/** What a line's tokens say about quoting and separators, as issues of that line. */
function structureIssues(line: number, tokens: Tokens): LineIssue[] {
  if (!tokens.otherSeparator && !tokens.malformed && tokens.fields.every((f) => f.quoted)) return [];
  const issues: LineIssue[] = [];
  if (tokens.otherSeparator) issues.push(lineIssue(line, "8079"));
  if (tokens.malformed) {
    issues.push(lineIssue(line, "8080", { message: { ja: "ダブルクォーテーションの対応が正しくありません。", en: "A double quote is not closed, or text follows a closing quote." } }));
  } else if (!tokens.otherSeparator) {
    const unquoted = tokens.fields.flatMap((f, i) => (f.quoted ? [] : [i + 1]));
    if (unquoted.length > 0) {
      issues.push(
        lineIssue(line, "8080", {
          details: { columns: unquoted },
          message: {
            ja: `${unquoted.map((c) => `${c}列目`).join("、")}がダブルクォーテーションで囲まれていません。`,
            en: `Column${unquoted.length > 1 ? "s" : ""} ${unquoted.join(", ")} ${unquoted.length > 1 ? "are" : "is"} not in double quotes.`,
          },
        }),
      );
    }
  }
  return issues;
}

/** A value refused by a domain rule: 8070 naming the column, the rule's own code in `details.rule`. */
function invalidValue(line: number, field: string, value: string, error: unknown): LineIssue {
  if (!(error instanceof DomainError)) throw error;
  return lineIssue(line, "8070", {
    field,
    details: { rule: error.code, value },
    message: { ja: `「${field}」の値「${value}」が不正です: ${error.messageJa}`, en: `Invalid ${field} "${value}": ${error.messageEn}` },
  });
}

function required(line: number, field: string): LineIssue {
  return lineIssue(line, "8070", { field, details: { rule: "8008" }, message: { ja: `「${field}」が入力されていません。`, en: `${field} is empty.` } });
}

function check<T>(issues: LineIssue[], line: number, field: string, value: string, rule: () => T): T | undefined {
  try {
    return rule();
  } catch (error) {
    issues.push(invalidValue(line, field, value, error));
    return undefined;
  }
}

/** Group names repeat on most lines: each distinct one is checked once a file (the rule's error, or null). */
type NameChecks = Map<string, DomainError | null>;

function checkName(issues: LineIssue[], checks: NameChecks, line: number, field: string, value: string, rule: (v: string) => unknown): void {
  let result = checks.get(value);
  if (result === undefined) {
    try {
      rule(value);
      result = null;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      result = error;
    }
    checks.set(value, result);
  }
  if (result !== null) issues.push(invalidValue(line, field, value, result));
}

const orderPattern = /^\d{1,3}$/;

/** One data line's values, per kind (files.md table); the line, or undefined with its issues pushed. */
function dataLine(kind: ImportKind, line: number, values: readonly string[], issues: LineIssue[], names: NameChecks): ImportLine | undefined {
  const header = bulkHeaders[kind];
  const before = issues.length;
  const [subscriberId = "", groupName = "", third = ""] = values;
  if (subscriberId === "") issues.push(required(line, header[0] as string));
  else check(issues, line, header[0] as string, subscriberId, () => checkSubscriberId(subscriberId, "subscriberId"));
  switch (kind) {
    case "VPN": {
      // Both empty: the subscriber leaves its extension group.
      if (groupName === "" && third === "") break;
      if (groupName === "") {
        issues.push(lineIssue(line, "8070", { field: header[1], details: { rule: "8054" }, message: { ja: "内線番号を指定した場合、内線グループ名は必須です。", en: "An extension needs an extension group name." } }));
      } else {
        checkName(issues, names, line, header[1] as string, groupName, (v) => checkExtensionGroupName(v));
      }
      if (third === "") {
        if (groupName !== "") issues.push(lineIssue(line, "8070", { field: header[2], details: { rule: "8012" }, message: { ja: "内線グループ名を指定した場合、内線番号は必須です。", en: "An extension group member needs an extension." } }));
      } else {
        check(issues, line, header[2] as string, third, () => checkExtension(third));
      }
      break;
    }
    case "HUNT": {
      if (groupName === "") issues.push(required(line, header[1] as string));
      else checkName(issues, names, line, header[1] as string, groupName, (v) => checkText(v, { field: "name", max: huntGroupNameMaxLength, required: true }));
      // 着信順序: required even when the distribution ignores it (M2 ch.4), an integer 1–999.
      if (third === "") issues.push(required(line, header[2] as string));
      else if (!orderPattern.test(third) || Number(third) < orderRange.min || Number(third) > orderRange.max) {
        issues.push(
          lineIssue(line, "8070", {
            field: header[2],
            details: { rule: "8009", value: third, min: orderRange.min, max: orderRange.max },
            message: { ja: `「着信順序」の値「${third}」が不正です: ${orderRange.min}～${orderRange.max}の半角数字で入力してください。`, en: `Invalid order "${third}": a number ${orderRange.min}–${orderRange.max}.` },
          }),
        );
      }
      break;
    }
    case "PICKUP": {
      if (groupName === "") issues.push(lineIssue(line, "8071", { field: header[1] }));
      else checkName(issues, names, line, header[1] as string, groupName, (v) => checkText(v, { field: "name", max: pickupGroupNameMaxLength, required: true }));
      break;
    }
  }
  if (issues.length > before) return undefined;
  switch (kind) {
    case "VPN":
      return { kind, line, subscriberId, groupName, extension: third };
    case "HUNT":
      return { kind, line, subscriberId, groupName, order: Number(third) };
    case "PICKUP":
      return { kind, line, subscriberId, groupName };
  }
}

function sameHeader(values: readonly string[], kind: ImportKind): boolean {
  const header = bulkHeaders[kind];
  return values.length === header.length && header.every((h, i) => values[i] === h);
}

/**
 * Reads a bulk registration file completely and reports every error with its line (files.md): the extension
 * (8056), empty (8057) or not text (8059), over 5 MB or 20,000 data lines (8123), not Shift_JIS (8061; a UTF-8
 * file with Japanese text is recognised as such), line ends (8058), separators (8079), quoting (8080), the kind
 * (8060), the header (line 2), field counts (8069), values (8070), PICKUP's group (8071), no data (8066).
 * Pure: the subscribers and groups are checked against the data by the service.
 */
export function parseBulkFile(fileName: string, bytes: Uint8Array): BulkFile {
  return runSteps(parseBulkFileSteps(fileName, bytes));
}

/** parseBulkFile in steps that may pause every few thousand lines (domain/steps.ts). */
export function* parseBulkFileSteps(fileName: string, bytes: Uint8Array): Steps<BulkFile> {
  const errors: LineIssue[] = [];
  let n = 0;
  const pause = () => {
    n += 1;
    return n % stepSize === 0;
  };
  const done = (kind: ImportKind | undefined, encoding: BulkFile["encoding"], dataLines: number, lines: ImportLine[]): BulkFile => ({
    kind,
    encoding,
    dataLines,
    lines,
    errors: sortIssues(errors),
  });

  if (!/\.csv$/i.test(fileName)) errors.push(lineIssue(null, "8056", { details: { fileName } }));
  if (bytes.length === 0) {
    errors.push(lineIssue(null, "8057", { details: { reason: "empty" }, message: { ja: "一括投入用CSVファイルが空です。", en: "The bulk file is empty." } }));
    return done(undefined, undefined, 0, []);
  }
  if (bytes.length > maxImportBytes) {
    errors.push(lineIssue(null, "8123", { details: { maxBytes: maxImportBytes } }));
    return done(undefined, undefined, 0, []);
  }
  // A NUL byte never occurs in a text file of either encoding: a spreadsheet or another binary file.
  if (bytes.includes(0)) {
    errors.push(lineIssue(null, "8059", { details: { reason: "binary" } }));
    return done(undefined, undefined, 0, []);
  }

  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const utf8 = bom || isUtf8Text(bytes);
  const raw = splitLines(bytes);
  // Decoded once as a whole (iconv-lite's per-call cost would dominate line by line); CR and LF are the same
  // characters in the text as in the bytes, so the text's lines are the bytes' lines.
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const whole = utf8 ? buffer.toString("utf8") : iconv.decode(buffer, "cp932");
  const split = whole.split(/\r\n|\n|\r/);
  if (split[split.length - 1] === "") split.pop();
  // Its characters must survive the round trip text → CP932 → text (checked once for each distinct one);
  // when some do not, the lines are looked at one by one.
  const roundTrips = utf8 || roundTripsCp932(distinctNonAscii(whole));
  yield;
  const texts: (string | undefined)[] = [];
  for (const [i, l] of raw.entries()) {
    if (pause()) yield;
    texts.push(lineText(l, split[i] ?? ""));
  }
  function lineText(l: RawLine, text: string): string | undefined {
    if (utf8) {
      if (/[^\x00-\x7f]/.test(text)) {
        errors.push(
          lineIssue(l.number, "8061", {
            details: { detected: "utf-8" },
            message: { ja: "一括投入用CSVファイルの文字コードがShift-JISではありません。(UTF-8)", en: "The bulk file is not Shift_JIS (it is UTF-8)." },
          }),
        );
      }
      return l.number === 1 && text.startsWith("\ufeff") ? text.slice(1) : text;
    }
    const valid = !/[\ufffd\u0080-\u009f]/.test(text) && (roundTrips || decodeCp932Line(bytes.subarray(l.start, l.end)) !== undefined);
    if (!valid) errors.push(lineIssue(l.number, "8061"));
    return valid ? text : undefined;
  }
  for (const l of raw) {
    if (l.ending === "lf" || l.ending === "cr") errors.push(lineIssue(l.number, "8058", { details: { lineEnd: l.ending === "lf" ? "LF" : "CR" } }));
  }

  // Line 1: the kind alone (a spreadsheet may add empty fields after it).
  let kind: ImportKind | undefined;
  const first = texts[0];
  if (first !== undefined) {
    const tokens = tokenizeLine(first);
    errors.push(...structureIssues(1, tokens));
    const value = tokens.fields[0]?.value ?? "";
    const rest = tokens.fields.slice(1).every((f) => f.value === "");
    if (!tokens.otherSeparator && isImportKind(value) && rest) kind = value;
    else errors.push(lineIssue(1, "8060", { details: { value: tokens.otherSeparator ? first : value } }));
  }

  // Line 2: the header of the template, exactly.
  const second = texts[1];
  if (raw.length < 2) {
    errors.push(lineIssue(2, "8070", { details: { rule: "header" }, message: { ja: "2行目に見出し行がありません。", en: "Line 2 must be the header." } }));
  } else if (second !== undefined) {
    const tokens = tokenizeLine(second);
    errors.push(...structureIssues(2, tokens));
    const values = tokens.fields.map((f) => f.value);
    // When line 1 is wrong, the header still says which kind the data lines are, so they are checked too.
    if (kind === undefined && !tokens.otherSeparator) kind = (["VPN", "HUNT", "PICKUP"] as const).find((k) => sameHeader(values, k));
    if (kind !== undefined && !tokens.otherSeparator) {
      const expected = bulkHeaders[kind];
      if (values.length !== expected.length) {
        errors.push(lineIssue(2, "8069", { details: { expected: expected.length, found: values.length }, message: { ja: `2行目の見出しの項目数が${values.length}です。${expected.length}項目の見出し「${expected.join(",")}」にしてください。`, en: `Line 2 has ${values.length} fields; the header has ${expected.length}.` } }));
      } else if (!sameHeader(values, kind)) {
        errors.push(lineIssue(2, "8070", { details: { rule: "header", expected }, message: { ja: `2行目の見出しは「${expected.join(",")}」にしてください。`, en: `Line 2 must be the header ${expected.join(",")}.` } }));
      }
    }
  }

  const lines: ImportLine[] = [];
  const names: NameChecks = new Map();
  let dataLines = 0;
  for (const l of raw.slice(2)) {
    if (pause()) yield;
    const text = texts[l.number - 1];
    if (l.start === l.end) continue; // an empty line is no data line
    dataLines += 1;
    if (dataLines > maxImportLines) {
      errors.push(lineIssue(l.number, "8123", { details: { maxLines: maxImportLines }, message: { ja: `一括投入用のデータは${maxImportLines}行までです。`, en: `At most ${maxImportLines} data lines.` } }));
      break;
    }
    if (text === undefined || kind === undefined) continue;
    const tokens = tokenizeLine(text);
    const structure = structureIssues(l.number, tokens);
    errors.push(...structure);
    if (tokens.otherSeparator) continue;
    const values = tokens.fields.map((f) => f.value);
    const expected = bulkHeaders[kind].length;
    if (kind === "PICKUP" && values.length === 1) {
      errors.push(lineIssue(l.number, "8071", { field: bulkHeaders.PICKUP[1] }));
      continue;
    }
    if (values.length !== expected) {
      errors.push(lineIssue(l.number, "8069", { details: { expected, found: values.length }, message: { ja: `項目数が${values.length}です。${kind}のデータは${expected}項目です。`, en: `${values.length} fields; ${kind} lines have ${expected}.` } }));
      continue;
    }
    const parsed = dataLine(kind, l.number, values, errors, names);
    if (parsed !== undefined && structure.length === 0) lines.push(parsed);
  }
  if (dataLines === 0) errors.push(lineIssue(null, "8066"));
  return done(kind, utf8 ? "utf-8" : "shift_jis", dataLines, lines);
}
