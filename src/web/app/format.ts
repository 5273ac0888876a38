// Dates as the user's language writes them.
import { useCallback } from "react";
import { useTranslation } from "react-i18next";

export function useDateTime(): (iso: string) => string {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage === "en" ? "en-US" : "ja-JP";
  return useCallback(
    (iso: string) => {
      const date = new Date(iso);
      if (Number.isNaN(date.getTime())) return iso;
      return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
    },
    [locale],
  );
}
