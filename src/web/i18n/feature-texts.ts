// The strings of one screen area in its own i18next namespace, next to its pages, so that a
// screen's words ship in its own chunk and areas don't edit the same JSON files. Japanese is
// the reference: the English object must have exactly the same keys (a compile error if not).
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { i18next } from "./index";

interface Texts {
  readonly [key: string]: string | Texts;
}

/** "a.b.c" for every string leaf of `T`. */
type Keys<T> = { [K in keyof T & string]: T[K] extends string ? K : `${K}.${Keys<T[K]>}` }[keyof T & string];

/** The same keys as `T`, any strings. */
type SameShape<T> = { readonly [K in keyof T]: T[K] extends string ? string : SameShape<T[K]> };

export type TextValues = Readonly<Record<string, string | number>>;
export type TextFunction<T> = (key: Keys<T>, values?: TextValues) => string;

type UntypedT = (key: string, options: Record<string, unknown>) => string;

/**
 * Registers `ja` and `en` under `namespace` and returns the hook that reads them; the texts
 * follow the header's language switch like the rest of the app.
 */
export function featureTexts<const T extends Texts>(namespace: string, ja: T, en: SameShape<T>): () => TextFunction<T> {
  i18next.addResourceBundle("ja", namespace, ja, true, true);
  i18next.addResourceBundle("en", namespace, en, true, true);
  return function useTexts(): TextFunction<T> {
    const { t } = useTranslation();
    return useCallback((key: Keys<T>, values?: TextValues) => (t as unknown as UntypedT)(key, { ...values, ns: namespace }), [t]);
  };
}
