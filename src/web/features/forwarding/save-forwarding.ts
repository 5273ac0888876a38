// Saving a number's forwarding from either view: PUT with If-Match (8111 when someone saved first),
// then every view and list of the enterprise reads the new state.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError, api, unwrap } from "../../api/client";
import type { EditBase } from "../subscribers/edit-base";
import { useText } from "../subscribers/i18n";
import { fetchForwarding, ifMatch, invalidateSubscribers, subscriberKeys } from "../subscribers/queries";
import type { ForwardingAnswer, ForwardingValues } from "../subscribers/types";

export type ForwardingPatch = Partial<ForwardingValues>;

export function useSaveForwarding(enterpriseId: string, subscriberId: string, edit: EditBase<ForwardingAnswer>) {
  const tx = useText();
  const { message } = App.useApp();
  const { i18n } = useTranslation();
  const queryClient = useQueryClient();
  const key = subscriberKeys.forwarding(enterpriseId, subscriberId);
  const save = useMutation({
    mutationFn: async (body: ForwardingPatch) => {
      const from = edit.version();
      const saved = await unwrap(
        api.PUT("/api/v1/enterprises/{eid}/subscribers/{sid}/forwarding", {
          params: { path: { eid: enterpriseId, sid: subscriberId } },
          headers: ifMatch(from),
          body,
        }),
      );
      return { saved, from };
    },
    onSuccess: ({ saved, from }) => {
      queryClient.setQueryData(key, saved);
      edit.rebase(saved, from);
      void invalidateSubscribers(queryClient, enterpriseId);
      void message.success(tx("forwarding.saved"));
      // Saved, but probably not what was meant: a stopped or anonymous-rejecting destination, a hunt group that forwards away.
      const warnings = (saved as { warnings?: { message: string; messageEn: string }[] }).warnings ?? [];
      for (const w of warnings) void message.warning(i18n.language.startsWith("en") ? w.messageEn : w.message, 10);
    },
  });
  const reload = useMutation({
    mutationFn: () => fetchForwarding(enterpriseId, subscriberId),
    onSuccess: (fresh) => {
      queryClient.setQueryData(key, fresh);
      save.reset();
      edit.rebase(fresh);
    },
  });
  const stale = save.error instanceof ApiError && save.error.code === "8111";
  return { save, reload, stale };
}

/** The stored settings without the answer's extras, as the domain's pure rules take them. */
export function forwardingValues(answer: ForwardingAnswer): ForwardingValues {
  return {
    unconditional: answer.unconditional,
    busy: answer.busy,
    noAnswer: answer.noAnswer,
    schedule: answer.schedule,
    voicemail: answer.voicemail,
  };
}
