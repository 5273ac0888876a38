// Field rules shared by every aggregate: required, allowed characters, length.
import { DomainError } from "./errors.ts";

// C0 controls except TAB, LF and CR; DEL; C1 controls. Free text may hold line breaks, nothing else invisible.
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const lineBreaks = /[\r\n\t]/;

export interface TextRule {
  readonly field: string;
  readonly max: number;
  readonly required?: boolean;
  readonly multiline?: boolean;
}

/** Free text (names, memos, bulletin): required → 8008, control characters or over-long → 8009. */
export function checkText(value: string, rule: TextRule): string {
  if (rule.required === true && value.trim() === "") throw new DomainError("8008", { field: rule.field });
  if (!value.isWellFormed() || controlCharacters.test(value) || (rule.multiline !== true && lineBreaks.test(value))) {
    throw new DomainError("8009", { field: rule.field });
  }
  if ([...value].length > rule.max) {
    throw new DomainError("8009", {
      field: rule.field,
      details: { maxLength: rule.max },
      message: { ja: `${rule.max}文字以内で入力してください。`, en: `At most ${rule.max} characters.` },
    });
  }
  return value;
}

/** An identifier made of half-width letters, digits, `_` and `-` (enterprise ID, subscriber ID). */
const identifierCharacters = /^[A-Za-z0-9_-]+$/;

export function checkIdentifier(value: string, field: string, max = 32): string {
  if (value === "") throw new DomainError("8008", { field });
  // One compiled pattern and a length check: imports check tens of thousands of IDs.
  if (value.length > max || !identifierCharacters.test(value)) throw new DomainError("8009", { field });
  return value;
}

/** Bytes of the text in Shift_JIS (CP932): the memo limits of the manuals are counted this way. */
export function shiftJisByteLength(value: string): number {
  let bytes = 0;
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    // ASCII and half-width katakana are one byte in Shift_JIS; everything else two.
    bytes += code <= 0x7f || (code >= 0xff61 && code <= 0xff9f) ? 1 : 2;
  }
  return bytes;
}

/** A memo of at most `max` Shift_JIS bytes (8101). */
export function checkMemo(value: string, field: string, max = 256): string {
  checkText(value, { field, max: max, multiline: false });
  if (shiftJisByteLength(value) > max) throw new DomainError("8101", { field });
  return value;
}
