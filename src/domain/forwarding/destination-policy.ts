// The one number-class policy for every path that sets a forwarding destination (features.md §4):
// a number's forwarding, schedules, the destination list, bulk forwarding, imports and feature codes.
import { DomainError } from "../errors.ts";
import { parseJapaneseNumber } from "../phone-number.ts";

/** A class of numbers that can't be a forwarding destination, named in the refusal. */
interface RestrictedClass {
  readonly id: string;
  readonly test: (digits: string) => boolean;
  readonly ja: string;
  readonly en: string;
}

// features.md §4: 1XX service numbers, free dial, navi dial, 0180, 0990, carrier prefixes.
export const restrictedClasses: readonly RestrictedClass[] = [
  { id: "1XX", test: (d) => /^1\d{2}$/.test(d), ja: "1XX番号(110・119・171など)", en: "3-digit 1XX service numbers (110, 119, 171, …)" },
  { id: "0120", test: (d) => d.startsWith("0120"), ja: "0120 フリーダイヤル", en: "0120 free dial" },
  { id: "0800", test: (d) => d.startsWith("0800"), ja: "0800 フリーアクセス", en: "0800 free access" },
  { id: "0570", test: (d) => d.startsWith("0570"), ja: "0570 ナビダイヤル", en: "0570 navi dial" },
  { id: "0180", test: (d) => d.startsWith("0180"), ja: "0180 テレドーム", en: "0180 teledome" },
  { id: "0990", test: (d) => d.startsWith("0990"), ja: "0990 ダイヤルQ2", en: "0990 dial Q2" },
  { id: "00XY", test: (d) => /^00[1-9]/.test(d), ja: "00XY 事業者識別番号", en: "00XY carrier selection codes" },
  { id: "1XXX", test: (d) => /^1\d{3,}$/.test(d), ja: "1XXX サービス特番", en: "1XXX service codes" },
];

/** What a destination is; `dialed` is the canonical form to store (with the external prefix for group members). */
export type Destination =
  | { readonly kind: "external"; readonly number: string; readonly dialed: string }
  | { readonly kind: "international"; readonly number: string; readonly dialed: string }
  | { readonly kind: "extension"; readonly extension: string; readonly dialed: string };

export interface DestinationContext {
  /** Feature codes from the phone may set international numbers; the web may not (8102). */
  readonly allowInternational: boolean;
  /** When the number is a member of an extension group: its prefix and the group's extensions. */
  readonly extensionGroup?: { readonly externalPrefix: string; readonly extensions: ReadonlySet<string> } | undefined;
}

function restricted(field: string, cls: RestrictedClass): DomainError {
  return new DomainError("8039", {
    field,
    details: { class: cls.id },
    message: { ja: `${cls.ja}は転送先に設定できません。`, en: `${cls.en} can't be a forwarding destination.` },
  });
}

/** International: `010` + country + number, or `+` + country + number. */
function international(digits: string): string | undefined {
  if (digits.startsWith("+")) return /^\+[1-9]\d{6,14}$/.test(digits) ? `010${digits.slice(1)}` : undefined;
  if (digits.startsWith("010")) return /^010[1-9]\d{6,14}$/.test(digits) ? digits : undefined;
  return undefined;
}

function checkExternal(digits: string, field: string, context: DestinationContext): Destination {
  if (digits.startsWith("+") || digits.startsWith("010")) {
    if (!context.allowInternational) throw new DomainError("8102", { field });
    const number = international(digits);
    if (number === undefined || number.startsWith("01081")) throw new DomainError("8117", { field });
    return { kind: "international", number, dialed: number };
  }
  const cls = restrictedClasses.find((c) => c.test(digits));
  if (cls !== undefined) throw restricted(field, cls);
  // National numbers are dialled with their trunk prefix 0.
  const parsed = digits.startsWith("0") ? parseJapaneseNumber(digits) : undefined;
  const connectable = ["FIXED_LINE", "MOBILE", "FIXED_LINE_OR_MOBILE", "VOIP", "PERSONAL_NUMBER"];
  if (parsed === undefined || !connectable.includes(parsed.type ?? "")) throw new DomainError("8117", { field });
  return { kind: "external", number: parsed.national, dialed: parsed.national };
}

/**
 * Checks a destination as typed and returns what it is. For an extension-group member, an external
 * number carries the prefix (`0` + `0801234…`); anything without it must be an extension of the group.
 */
export function checkDestination(input: string, field: string, context: DestinationContext): Destination {
  const digits = input.replace(/[\s-]/g, "");
  if (digits === "") throw new DomainError("8008", { field });
  if (!/^\+?\d{1,24}$/.test(digits)) throw new DomainError("8117", { field });
  const group = context.extensionGroup;
  if (group !== undefined) {
    if (group.extensions.has(digits)) return { kind: "extension", extension: digits, dialed: digits };
    // Made only when thrown: an error captures a stack trace, which a bulk change of 20,000 rows feels.
    const missingPrefix = () =>
      new DomainError("8012", {
        field,
        message: {
          ja: "内線グループのメンバは、外線番号の先頭に外線プレフィックス「0」を付けるか、同じ内線グループの内線番号を指定してください。",
          en: "An extension-group member's destination is either 0 + an external number or an extension of the same group.",
        },
      });
    const rest = digits.slice(group.externalPrefix.length);
    if (digits.startsWith(group.externalPrefix) && rest.length > 2 && (rest.startsWith("0") || rest.startsWith("+"))) {
      try {
        const external = checkExternal(digits.slice(group.externalPrefix.length), field, context);
        return { ...external, dialed: `${group.externalPrefix}${external.dialed}` };
      } catch (error) {
        // "09012345678" from a member: a whole national number typed without the prefix.
        if (error instanceof DomainError && error.code === "8117" && parseJapaneseNumber(digits) !== undefined) throw missingPrefix();
        throw error;
      }
    }
    throw missingPrefix();
  }
  return checkExternal(digits, field, context);
}

/** The canonical digits to store for a checked destination. */
export function destinationDigits(destination: Destination): string {
  return destination.dialed;
}
