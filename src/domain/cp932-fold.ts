// Text as Shift_JIS (CP932) holds it: the JIS code points Windows maps elsewhere, taken as Windows' ones.

/**
 * Characters that JIS-based systems (macOS, Java's "Shift_JIS", many web forms) produce where Windows has a
 * different code point for the same CP932 byte pair (the WAVE DASH problem; the pairs of the JIS X 0208 ↔
 * CP932 tables). A CP932 file can only say the Windows one, so 〜 written out comes back as ～.
 */
export const jisToWindows: Readonly<Record<string, string>> = {
  "\u301c": "\uff5e", // 〜 WAVE DASH → ～ FULLWIDTH TILDE
  "\u2016": "\u2225", // ‖ DOUBLE VERTICAL LINE → ∥ PARALLEL TO
  "\u2212": "\uff0d", // − MINUS SIGN → － FULLWIDTH HYPHEN-MINUS
  "\u00a2": "\uffe0", // ¢ → ￠
  "\u00a3": "\uffe1", // £ → ￡
  "\u00ac": "\uffe2", // ¬ → ￢
  "\u2014": "\u2015", // — EM DASH → ― HORIZONTAL BAR
};
const jisOnly = /[\u301c\u2016\u2212\u00a2\u00a3\u00ac\u2014]/g;
const anyJisOnly = /[\u301c\u2016\u2212\u00a2\u00a3\u00ac\u2014]/;

/**
 * The text with Windows' code points for the CP932 cells JIS maps elsewhere: what the text becomes once
 * written to a CP932 file and read back. Two texts with the same fold are the same bytes in such a file.
 */
export function foldCp932(text: string): string {
  // Most text has none of them: no new string then.
  return anyJisOnly.test(text) ? text.replace(jisOnly, (c) => jisToWindows[c] ?? c) : text;
}

/**
 * Finds, for a name read from a file, the stored name it stands for: the name itself when it is stored, else
 * the one stored name with the same fold (a group named 〜 is written ～ in Shift_JIS and read back so).
 * Undefined when none matches, or when several stored names fold alike and none is the name itself: the file
 * can't say which is meant.
 */
export function cp932NameResolver(stored: Iterable<string>): (name: string) => string | undefined {
  const exact = new Set<string>();
  // fold → the stored name, or null when two stored names share the fold
  const folded = new Map<string, string | null>();
  for (const name of stored) {
    exact.add(name);
    const key = foldCp932(name);
    const seen = folded.get(key);
    folded.set(key, seen === undefined || seen === name ? name : null);
  }
  return (name) => {
    if (exact.has(name)) return name;
    return folded.get(foldCp932(name)) ?? undefined;
  };
}
