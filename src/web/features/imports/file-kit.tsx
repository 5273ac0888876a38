// What the upload screens (一括登録, 共通電話帳) share: saving a downloaded file (templates), the
// file chooser (参照), and the list of a refused file's errors — every one with its line and code.
import { UploadOutlined } from "@ant-design/icons";
import { Alert, Button, Table, Upload, type TableColumnsType } from "antd";
import { ApiError } from "../../api/client";
import { useErrorText } from "../../app/error-text";
import { featureTexts } from "../../i18n/feature-texts";

export const useFileKitTexts = featureTexts(
  "fileKit",
  {
    browse: "参照",
    noFile: "ファイルが選択されていません。",
    chosen: "選択中: {{name}}",
    errorsTitle: "ファイルにエラーがあります({{count}}件)。ファイルは登録されていません。修正してからもう一度アップロードしてください。",
    line: "行",
    wholeFile: "ファイル全体",
    field: "項目",
    error: "エラー",
    errorsTable: "ファイルのエラー",
  },
  {
    browse: "Browse",
    noFile: "No file chosen.",
    chosen: "Chosen: {{name}}",
    errorsTitle: "The file has errors ({{count}}). Nothing was stored: fix them and upload again.",
    line: "Line",
    wholeFile: "Whole file",
    field: "Field",
    error: "Error",
    errorsTable: "Errors of the file",
  },
);

export interface LineError {
  line: number | null;
  code: string;
  message: string;
  messageEn: string;
  field?: string | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** Every error of a refused file (error.details.errors), or none when the refusal carries none. */
export function lineErrorsOf(error: unknown): LineError[] {
  if (!(error instanceof ApiError) || !isRecord(error.details) || !Array.isArray(error.details.errors)) return [];
  return (error.details.errors as unknown[]).filter(isRecord).map((e) => ({
    line: typeof e.line === "number" ? e.line : null,
    code: typeof e.code === "string" ? e.code : "",
    message: typeof e.message === "string" ? e.message : "",
    messageEn: typeof e.messageEn === "string" ? e.messageEn : "",
    field: typeof e.field === "string" ? e.field : undefined,
  }));
}

/** A line error as the UI writes errors: "エラー 8070: …". */
export function useLineErrorText(): (e: LineError) => string {
  const errorText = useErrorText();
  return (e) => errorText(new ApiError({ status: 400, code: e.code, message: e.message, messageEn: e.messageEn }));
}

/** The errors of a file, one row each, in file order. */
export function LineErrorTable({ errors, label }: { errors: readonly LineError[]; label?: string }) {
  const text = useFileKitTexts();
  const lineErrorText = useLineErrorText();
  const columns: TableColumnsType<LineError & { key: number }> = [
    { title: text("line"), key: "line", width: 100, render: (_v, e) => (e.line === null ? text("wholeFile") : e.line) },
    { title: text("field"), key: "field", width: 160, render: (_v, e) => e.field ?? "" },
    { title: text("error"), key: "error", render: (_v, e) => lineErrorText(e) },
  ];
  return (
    <Table<LineError & { key: number }>
      aria-label={label ?? text("errorsTable")}
      size="small"
      columns={columns}
      dataSource={errors.map((e, i) => ({ ...e, key: i }))}
      pagination={errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
    />
  );
}

/** A refused upload: the summary and every error by line (or the single error when it has no lines). */
export function FileRefusal({ error }: { error: unknown }) {
  const text = useFileKitTexts();
  const errorText = useErrorText();
  if (error === null || error === undefined) return null;
  const errors = lineErrorsOf(error);
  if (errors.length === 0) return <Alert type="error" showIcon role="alert" title={errorText(error)} />;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={text("errorsTitle", { count: errors.length })}
      description={<LineErrorTable errors={errors} />}
    />
  );
}

/** 参照: chooses one file, kept in the browser until it is sent. */
export function FileChooser({ file, onChange, accept, id }: { file: File | null; onChange: (file: File | null) => void; accept: string; id?: string }) {
  const text = useFileKitTexts();
  return (
    <Upload
      accept={accept}
      maxCount={1}
      fileList={file ? [{ uid: "chosen", name: file.name, status: "done", size: file.size, type: file.type }] : []}
      beforeUpload={(chosen) => {
        onChange(chosen);
        return false;
      }}
      onRemove={() => onChange(null)}
    >
      <Button id={id} icon={<UploadOutlined aria-hidden />}>
        {text("browse")}
      </Button>
    </Upload>
  );
}

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

/** Hands a fetched file to the browser as a download, under the name the server gives. */
export async function saveDownload(request: Promise<{ data?: unknown; response: Response }>, fallback: string): Promise<void> {
  const { data, response } = await request;
  const blob = data instanceof Blob ? data : await response.blob();
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement("a");
    link.href = url;
    link.download = fileNameOf(response, fallback);
    link.style.display = "none";
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

/** A multipart form body for the typed client (the browser sets the boundary). */
export function formBody<T>(fields: Record<string, string | File | undefined>): T {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.append(name, value);
  return form as unknown as T;
}
