// 緊急停止 / 解除 and 初期化 of a number, each behind a confirmation that says exactly what happens
// (features.md §9; M2 ch.2, ch.12): used by the 端末 tab and the 端末 list.
import { useQueryClient } from "@tanstack/react-query";
import { App, Flex, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useTerminalTexts } from "./i18n";
import type { TerminalView } from "./queries";

export interface TerminalTarget {
  id: string;
  number: string;
}

export function StopEffect() {
  const text = useTerminalTexts();
  return (
    <Flex vertical gap={8}>
      <Typography.Text strong>{text("stopDialog.effect")}</Typography.Text>
      <Typography.Text type="danger">{text("stopDialog.wipe")}</Typography.Text>
      <Typography.Text type="secondary">{text("stopDialog.resume")}</Typography.Text>
    </Flex>
  );
}

export function TargetList({ targets }: { targets: readonly TerminalTarget[] }) {
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: 200, overflowY: "auto" }}>
      {targets.map((target) => (
        <li key={target.id}>
          {target.number} ({target.id})
        </li>
      ))}
    </ul>
  );
}

/**
 * The confirmations and the calls; `onDone` gets each changed state (with the version it came
 * from, for the detail tabs' optimistic concurrency). A refusal is kept in `error` for the screen.
 */
export function useTerminalActions(enterpriseId: string, onDone?: (view: TerminalView, target: TerminalTarget) => void) {
  const text = useTerminalTexts();
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);

  const run = async (call: () => Promise<TerminalView>, target: TerminalTarget, done: string) => {
    setError(null);
    try {
      const view = await call();
      onDone?.(view, target);
      void message.success(done);
    } catch (failure) {
      setError(failure);
    } finally {
      void queryClient.invalidateQueries({ queryKey: ["subscribers", enterpriseId] });
    }
  };

  const emergency = (target: TerminalTarget, stopped: boolean) => {
    const call = () =>
      unwrap(
        api.PUT("/api/v1/enterprises/{eid}/subscribers/{sid}/emergency-stop", {
          params: { path: { eid: enterpriseId, sid: target.id } },
          body: { stopped },
        }),
      );
    const values = { id: target.id, number: target.number };
    modal.confirm({
      title: stopped ? text("stopDialog.title") : text("releaseDialog.title"),
      width: 520,
      content: stopped ? (
        <Flex vertical gap={8}>
          <span>{text("stopDialog.body", values)}</span>
          <StopEffect />
        </Flex>
      ) : (
        <span>{text("releaseDialog.body", values)}</span>
      ),
      okText: stopped ? text("stopDialog.ok") : text("releaseDialog.ok"),
      okButtonProps: { danger: stopped },
      cancelText: t("common.cancel"),
      onOk: () => run(call, target, stopped ? text("stopDialog.done", values) : text("releaseDialog.done", values)),
    });
  };

  const initialize = (target: TerminalTarget) => {
    const call = () => unwrap(api.POST("/api/v1/enterprises/{eid}/subscribers/{sid}/initialize", { params: { path: { eid: enterpriseId, sid: target.id } } }));
    const values = { id: target.id, number: target.number };
    modal.confirm({
      title: text("initializeDialog.title"),
      width: 520,
      content: (
        <Flex vertical gap={8}>
          <span>{text("initializeDialog.body", values)}</span>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {(["profile", "privacy", "app", "options", "phonebook"] as const).map((item) => (
              <li key={item}>{text(`initializeDialog.items.${item}`)}</li>
            ))}
          </ul>
          <Typography.Text type="secondary">{text("initializeDialog.after")}</Typography.Text>
        </Flex>
      ),
      okText: text("initializeDialog.ok"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: () => run(call, target, text("initializeDialog.done", values)),
    });
  };

  return { emergency, initialize, error, clearError: () => setError(null) };
}
