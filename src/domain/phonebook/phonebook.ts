// Shared phonebooks (共通電話帳, features.md §12, files.md): the phonebook's name and the rules of one entry.
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { DomainError } from "../errors.ts";
import { lineIssue, type LineIssue } from "../line-issue.ts";
import { parseJapaneseNumber } from "../phone-number.ts";
import { checkText } from "../text.ts";

/** files.md: at most 10,000 entries and 5 MB a file. */
export const maxPhonebookEntries = 10_000;
export const maxPhonebookBytes = 5 * 1024 * 1024;
export const phonebookNameMaxLength = 64;
export const phonebookFormats = ["csv", "vcard"] as const;
export type PhonebookFormat = (typeof phonebookFormats)[number];

/** One contact as the apps receive it. `line` is where it starts in the uploaded file. */
export interface PhonebookEntry {
  readonly line: number;
  readonly name: string;
  readonly kana: string;
  readonly company: string;
  readonly department: string;
  /** Dialable: national digits, `+` and digits, or a short number (extension, 110). */
  readonly phones: readonly string[];
  readonly email: string;
  readonly memo: string;
}

/** A field of an entry kept as it was but reported: characters some apps show garbled (環境依存文字). */
export interface PhonebookWarning {
  readonly line: number;
  readonly field: string;
  readonly characters: readonly string[];
  readonly message: string;
  readonly messageEn: string;
}

/** 共通電話帳名: required (8008), one line of at most 64 characters (8009). Uniqueness needs the store. */
export function checkPhonebookName(name: string, field = "name"): string {
  return checkText(name, { field, max: phonebookNameMaxLength, required: true });
}

/** What separates digits in numbers people write: spaces, hyphens of every width, dots and parentheses. */
const separators = /[\s\-‐‑‒–—―−ー－().（）]/g;
const shortNumber = /^[1-9]\d{1,7}$/;

/**
 * A phonebook number in its dialable form, or undefined when it is none: a Japanese number valid for
 * libphonenumber-js (0AB-J, 050, mobile, 0120 / 0570, given with `+81` too), another country's number with `+`,
 * or a short number of 2–8 digits not starting with 0 (an extension of the enterprise, 110, 117).
 */
export function phonebookNumber(raw: string): string | undefined {
  const compact = raw.normalize("NFKC").replace(separators, "");
  if (compact === "") return undefined;
  if (shortNumber.test(compact)) return compact;
  if (/^\+\d{6,16}$/.test(compact) && !compact.startsWith("+81")) {
    const parsed = parsePhoneNumberFromString(compact);
    return parsed?.isValid() === true ? parsed.number : undefined;
  }
  return parseJapaneseNumber(compact)?.national;
}

export const entryLabels = {
  name: "名前",
  kana: "フリガナ",
  company: "会社名",
  department: "部署",
  phones: "電話番号",
  email: "メールアドレス",
  memo: "メモ",
} as const;

const limits = { name: 128, kana: 128, company: 128, department: 128, email: 254, memo: 1024 } as const;
const emailPattern = /^[^\s@]+@[^\s@]+$/;

export interface EntryInput {
  line: number;
  name: string;
  kana: string;
  company: string;
  department: string;
  /** Each with the line it came from (a vCard's TEL lines differ from its BEGIN line). */
  phones: readonly { value: string; line: number }[];
  email: string;
  memo: string;
}

/**
 * One entry (files.md: a name and one valid number). Errors are 8070 on the entry's line: no name, a number
 * that is not one, no number at all, a field over its length or with control characters, an e-mail address
 * without `@`. Text is kept as written; whether some apps can show it is the file codec's warning.
 */
export function checkPhonebookEntry(input: EntryInput): { entry?: PhonebookEntry; issues: LineIssue[] } {
  const issues: LineIssue[] = [];
  const text = (key: keyof typeof limits, value: string, multiline = false): string => {
    try {
      return checkText(value.trim(), { field: key, max: limits[key], multiline });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      issues.push(lineIssue(input.line, "8070", { field: entryLabels[key], details: { rule: error.code }, message: { ja: `「${entryLabels[key]}」が不正です: ${error.messageJa}`, en: `Invalid ${key}: ${error.messageEn}` } }));
      return value;
    }
  };
  const name = text("name", input.name);
  if (name.trim() === "") issues.push(lineIssue(input.line, "8070", { field: entryLabels.name, details: { rule: "8008" }, message: { ja: "「名前」が入力されていません。", en: "The entry has no name." } }));
  const kana = text("kana", input.kana);
  const company = text("company", input.company);
  const department = text("department", input.department);
  const email = text("email", input.email);
  if (email !== "" && !emailPattern.test(email)) {
    issues.push(lineIssue(input.line, "8070", { field: entryLabels.email, details: { rule: "8009", value: email }, message: { ja: `「メールアドレス」の値「${email}」が不正です。`, en: `Invalid e-mail address "${email}".` } }));
  }
  const memo = text("memo", input.memo, true);
  const phones: string[] = [];
  for (const p of input.phones) {
    if (p.value.trim() === "") continue;
    const number = phonebookNumber(p.value);
    if (number === undefined) {
      issues.push(lineIssue(p.line, "8070", { field: entryLabels.phones, details: { rule: "8117", value: p.value }, message: { ja: `電話番号「${p.value}」の形式が正しくありません。`, en: `Invalid phone number "${p.value}".` } }));
    } else if (!phones.includes(number)) {
      phones.push(number);
    }
  }
  if (phones.length === 0 && !issues.some((i) => i.field === entryLabels.phones)) {
    issues.push(lineIssue(input.line, "8070", { field: entryLabels.phones, details: { rule: "8008" }, message: { ja: "電話番号が1つもありません。", en: "The entry has no phone number." } }));
  }
  if (issues.length > 0) return { issues };
  return { entry: { line: input.line, name, kana, company, department, phones, email, memo }, issues };
}
