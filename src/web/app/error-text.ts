// How an error reads in the UI: "エラー 8000: <message>" / "Error 8000: <messageEn>" (errors.md).
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";

export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  const english = i18n.resolvedLanguage === "en";
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) {
        const message = english ? error.messageEn || error.message : error.message || error.messageEn;
        return t("error.withCode", { code: error.code, message });
      }
      if (error instanceof TypeError) return t("error.network");
      return t("error.unexpected");
    },
    [english, t],
  );
}
