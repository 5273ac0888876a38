// Downloads the subscriber list CSV (加入者一覧出力 / 全件CSV出力; files.md): Shift_JIS unless UTF-8
// is chosen. The file is fetched first so that a refusal shows as an error on the page rather than
// as a downloaded error body; then it is saved under the name the server gives.
import { api } from "../../api/client";
import type { paths } from "../../api/schema";

export type SubscriberCsvQuery = NonNullable<paths["/api/v1/enterprises/{eid}/subscribers.csv"]["get"]["parameters"]["query"]>;

function fileNameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get("content-disposition") ?? "";
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  if (!match?.[1]) return fallback;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

/** Fetches the CSV of `eid` and hands it to the browser as a download; errors reject with ApiError. */
export async function downloadSubscriberCsv(eid: string, query: SubscriberCsvQuery): Promise<void> {
  const { data, response } = await api.GET("/api/v1/enterprises/{eid}/subscribers.csv", {
    params: { path: { eid }, query },
    parseAs: "blob",
  });
  const blob = data instanceof Blob ? data : await response.blob();
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement("a");
    link.href = url;
    link.download = fileNameOf(response, `subscribers-${eid}.csv`);
    link.style.display = "none";
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Long enough for the browser to start saving the file.
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
