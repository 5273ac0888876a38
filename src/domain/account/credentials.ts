// Login IDs and passwords (features.md §1, §7): 8105 mismatch, 8106 login ID, 8107 password.
import { DomainError } from "../errors.ts";

/** Half-width letters, digits and symbols (printable ASCII without space). */
const halfWidth = /^[\x21-\x7e]+$/;

export function checkLoginId(loginId: string, field = "loginId"): string {
  if (loginId === "") throw new DomainError("8008", { field });
  if (loginId.length > 32 || !halfWidth.test(loginId)) throw new DomainError("8106", { field });
  return loginId;
}

// quality.md: common passwords refused. The most used passwords that satisfy the length rule.
const commonPasswords = new Set([
  "password", "password1", "password123", "passw0rd", "p@ssw0rd", "p@ssword", "12345678", "123456789",
  "1234567890", "0123456789", "87654321", "11111111", "00000000", "88888888", "qwertyui", "qwerty123",
  "qwertyuiop", "1q2w3e4r", "1qaz2wsx", "abcd1234", "abc12345", "abcdefgh", "iloveyou", "sunshine",
  "princess", "football", "baseball", "welcome1", "admin123", "administrator", "letmein1", "trustno1",
  "superman", "starwars", "whatever", "changeme", "asdfghjk", "zxcvbnm1", "aa123456", "dragon12",
  "monkey12", "master12", "centrex1", "centrex123",
]);

export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  return commonPasswords.has(lower) || /^(.)\1+$/.test(password);
}

/** 8–32 half-width characters, case-sensitive, not a well-known password. */
export function checkPassword(password: string, field = "password"): string {
  if (password === "") throw new DomainError("8008", { field });
  if (password.length < 8 || password.length > 32 || !halfWidth.test(password)) {
    throw new DomainError("8107", { field });
  }
  if (isCommonPassword(password)) {
    throw new DomainError("8107", {
      field,
      details: { reason: "common" },
      message: {
        ja: "よく使われるパスワードは使用できません。推測されにくいパスワードを入力してください。",
        en: "That password is too common; choose one that is hard to guess.",
      },
    });
  }
  return password;
}

export function checkNewPassword(password: string, confirm: string, field = "newPassword"): string {
  checkPassword(password, field);
  if (password !== confirm) throw new DomainError("8105", { field: `${field}Confirm` });
  return password;
}
