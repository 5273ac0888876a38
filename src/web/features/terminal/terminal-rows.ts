// The terminal state of each number on a page of the subscriber list (機能設定, バックアップデータ削除):
// the list answer has no CallKit or backup columns, so each row's state is read beside it.
import { useQueries } from "@tanstack/react-query";
import type { SubscriberRow } from "../subscribers/types";
import { fetchTerminal, terminalKey, type TerminalView } from "./queries";

export function useTerminalRows(enterpriseId: string | undefined, rows: readonly SubscriberRow[]) {
  const results = useQueries({
    queries: rows.map((row) => ({
      queryKey: terminalKey(enterpriseId ?? "", row.id),
      queryFn: () => fetchTerminal(enterpriseId ?? "", row.id),
      enabled: enterpriseId !== undefined,
    })),
  });
  const states = new Map<string, TerminalView>();
  rows.forEach((row, i) => {
    const data = results[i]?.data;
    if (data) states.set(row.id, data);
  });
  const error = results.find((result) => result.error)?.error ?? null;
  return { states, error };
}
