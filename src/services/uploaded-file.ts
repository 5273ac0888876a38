// An uploaded file as the use cases receive it (bulk registration, phonebooks): its name and its bytes.
import { createHash } from "node:crypto";

export interface UploadedFile {
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

/** The name a browser gives, without any folder ("C:\fakepath\…"), control characters or excess length. */
export function cleanFileName(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\")) + 1);
  return [...base.replace(/[\u0000-\u001f\u007f]/g, "")].slice(-255).join("");
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
