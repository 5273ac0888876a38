// The instant check of a forwarding destination typed on the web, with the domain's one
// number-class policy (features.md §4): "エラー 8039: 0570 ナビダイヤルは転送先に設定できません。"
// before anything is sent. The server checks again and decides.
import type { ApiError } from "../../api/client";
import { checkDestination } from "../../../domain/forwarding/destination-policy.ts";
import { fromDomainError } from "../subscribers/local-errors";

/** Digits as typed, without the spaces and hyphens people write numbers with. */
export function compactNumber(input: string): string {
  return input.replace(/[\s-]/g, "");
}

/**
 * The refusal of a destination, or undefined when the browser finds nothing wrong. For a member
 * of an extension group only `0` + an external number is checked here: anything else may be an
 * extension of the group, which the server knows.
 */
export function destinationProblem(input: string, field: string, inExtensionGroup: boolean): ApiError | undefined {
  const digits = compactNumber(input);
  if (digits === "") return undefined;
  try {
    if (!inExtensionGroup) checkDestination(digits, field, { allowInternational: false });
    else if (/^0[0+]/.test(digits) && digits.length > 3) {
      checkDestination(digits, field, { allowInternational: false, extensionGroup: { externalPrefix: "0", extensions: new Set() } });
    }
    return undefined;
  } catch (error) {
    return fromDomainError(error);
  }
}
