// Before → after of an audit entry as the fields that changed, for the expanded row.
// Nested objects become dotted paths (`forwarding.unconditional.destination`), arrays of
// objects one path per element (`rules.1.end`), arrays of plain values one JSON text.

export interface FieldChange {
  readonly field: string;
  readonly before: string | undefined;
  readonly after: string | undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function shown(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0 && prefix) out.set(prefix, "{}");
    for (const [key, inner] of entries) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
    return;
  }
  if (Array.isArray(value) && value.some((item) => isPlainObject(item) || Array.isArray(item))) {
    if (value.length === 0 && prefix) out.set(prefix, "[]");
    value.forEach((item, index) => flatten(item, prefix ? `${prefix}.${index}` : String(index), out));
    return;
  }
  if (value === undefined) return;
  out.set(prefix || "value", shown(value));
}

/** Bookkeeping fields that change with every write and say nothing to the reader. */
const noise = new Set(["version", "updatedAt"]);

export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const b = new Map<string, string>();
  const a = new Map<string, string>();
  if (before !== null) flatten(before, "", b);
  if (after !== null) flatten(after, "", a);
  const fields = [...new Set([...b.keys(), ...a.keys()])];
  return fields
    .filter((field) => b.get(field) !== a.get(field) && !noise.has(field))
    .map((field) => ({ field, before: b.get(field), after: a.get(field) }));
}

/** A name for the target from the recorded data (`name`, `loginId`, `id`), when there is one. */
export function targetName(before: unknown, after: unknown): string | undefined {
  for (const side of [after, before]) {
    if (!isPlainObject(side)) continue;
    for (const key of ["name", "loginId", "title"]) {
      const value = side[key];
      if (typeof value === "string" && value !== "") return value;
    }
  }
  return undefined;
}
