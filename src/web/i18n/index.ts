// i18next set-up: Japanese by default, English on request; the choice is kept in localStorage.
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import ja from "./ja.json";

export type Language = "ja" | "en";

export const languages: readonly Language[] = ["ja", "en"];

const storageKey = "centrex.language";

export const resources = {
  ja: { translation: ja },
  // Every Japanese key must exist in English too (a missing one is a compile error).
  en: { translation: en satisfies typeof ja },
} as const;

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof ja };
  }
}

function isLanguage(value: unknown): value is Language {
  return value === "ja" || value === "en";
}

function readStoredLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(storageKey);
    return isLanguage(stored) ? stored : "ja";
  } catch {
    // Storage may be unavailable (private mode, disabled cookies): fall back to Japanese.
    return "ja";
  }
}

/** The language now in use, as one of ours. */
export function currentLanguage(): Language {
  return isLanguage(i18next.resolvedLanguage) ? i18next.resolvedLanguage : "ja";
}

/** Switches the UI language and remembers the choice for the next visit. */
export async function changeLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // Not remembered, but still switched for this visit.
  }
  await i18next.changeLanguage(language);
}

i18next.on("languageChanged", (language) => {
  document.documentElement.lang = language;
});

// Resources are bundled, so initialisation completes synchronously (initAsync: false).
void i18next.use(initReactI18next).init({
  resources,
  lng: readStoredLanguage(),
  fallbackLng: "ja",
  supportedLngs: languages,
  interpolation: { escapeValue: false }, // React escapes what it renders
  initAsync: false,
});

document.documentElement.lang = i18next.language;

export { i18next };
