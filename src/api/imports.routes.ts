// /api/v1/enterprises/{eid}/imports (一括登録): upload, preview, apply and delete bulk registration files; the templates.
import { Type } from "typebox";
import { DomainError } from "../domain/errors.ts";
import type { ImportRecord } from "../services/imports.service.ts";
import { contextOf, principalOf } from "./auth.ts";
import { EnterpriseParams, errors, listOf } from "./schemas/common.ts";
import type { App, RouteDeps } from "./types.ts";
import { multipartAwareValidator, readUploadForm } from "./upload.ts";

const Kind = Type.Union([Type.Literal("VPN"), Type.Literal("HUNT"), Type.Literal("PICKUP")], { description: "VPN: extension groups, HUNT: hunt groups, PICKUP: pickup groups" });
const Status = Type.Union([Type.Literal("uploaded"), Type.Literal("applied"), Type.Literal("failed")], { description: "アップロード完了 / 投入完了 / 投入失敗" });
const Action = Type.Union([Type.Literal("add"), Type.Literal("change"), Type.Literal("unchanged"), Type.Literal("conflict")], { description: "追加 / 変更 / 変更なし / 競合" });

const LineError = Type.Object({
  line: Type.Union([Type.Integer(), Type.Null()], { description: "the file's line, 1-based; null for the file as a whole" }),
  code: Type.String({ description: "catalogue code" }),
  message: Type.String(),
  messageEn: Type.String(),
  field: Type.Optional(Type.String({ description: "the column at fault, as the header names it" })),
  details: Type.Optional(Type.Unknown()),
});

const Summary = Type.Object({ add: Type.Integer(), change: Type.Integer(), unchanged: Type.Integer(), conflict: Type.Integer() });

const ImportSchema = Type.Object({
  id: Type.Integer(),
  kind: Kind,
  fileName: Type.String(),
  status: Status,
  rows: Type.Integer({ description: "data lines of the file" }),
  errors: Type.Array(LineError, { description: "why the last apply failed (empty otherwise)" }),
  sha256: Type.String(),
  uploadedBy: Type.String(),
  uploadedAt: Type.String(),
  appliedAt: Type.Union([Type.String(), Type.Null()]),
});

const Placement = Type.Object({
  group: Type.Union([Type.String(), Type.Null()], { description: "the group's name; null: none" }),
  extension: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  order: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
});

const PreviewLine = Type.Object({
  line: Type.Integer(),
  subscriberId: Type.String(),
  action: Action,
  before: Placement,
  after: Placement,
  errors: Type.Array(LineError),
});

const ImportDetailSchema = Type.Object({
  ...ImportSchema.properties,
  fileIntact: Type.Boolean({ description: "the stored bytes still have the SHA-256 of the upload (an apply refuses them otherwise: 8073)" }),
  summary: Summary,
  preview: listOf(PreviewLine),
});

const UploadAnswer = Type.Object({ ...ImportSchema.properties, summary: Summary });

const ApplyAnswer = Type.Object({
  ...ImportSchema.properties,
  summary: Summary,
  adjustedForwarding: Type.Array(Type.Object({ subscriberId: Type.String(), cleared: Type.Array(Type.String()) }), { description: "numbers whose stored forwarding followed an extension-group change" }),
  adjustedSchedules: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
});

const ImportParams = Type.Object({ eid: Type.String({ maxLength: 64 }), id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

const ListQuery = Type.Object({
  status: Type.Optional(Status),
  kind: Type.Optional(Kind),
  sort: Type.Optional(Type.Union([Type.Literal("uploadedAt"), Type.Literal("fileName"), Type.Literal("kind"), Type.Literal("status")])),
  order: Type.Optional(Type.Union([Type.Literal("asc"), Type.Literal("desc")])),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});

const PreviewQuery = Type.Object({
  action: Type.Optional(Action),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});

const FileBody = {
  content: {
    "multipart/form-data": {
      schema: Type.Object({ file: Type.String({ format: "binary", description: "the .csv file (Shift_JIS, CRLF, every field quoted; at most 5 MB and 20,000 data lines)" }) }, { required: ["file"] }),
    },
  },
};

function present(r: ImportRecord) {
  return { id: r.id, kind: r.kind, fileName: r.fileName, status: r.status, rows: r.rows, errors: r.errors, sha256: r.sha256, uploadedBy: r.uploadedBy, uploadedAt: r.uploadedAt, appliedAt: r.appliedAt };
}

export function importRoutes(app: App, { services }: RouteDeps): void {
  app.get(
    "/api/v1/enterprises/:eid/imports",
    {
      schema: {
        tags: ["imports"],
        summary: "The enterprise's uploads, newest first (status, kind filters)",
        params: EnterpriseParams,
        querystring: ListQuery,
        response: { 200: listOf(ImportSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const q = request.query;
      const options = { status: q.status, kind: q.kind, sort: q.sort ?? ("uploadedAt" as const), order: q.order ?? (q.sort === undefined ? ("desc" as const) : ("asc" as const)), offset: q.offset ?? 0, limit: q.limit ?? 50 };
      const result = await services.imports.list(principalOf(request), request.params.eid, options);
      return { total: result.total, offset: options.offset, limit: options.limit, items: result.items.map(present) };
    },
  );

  app.post(
    "/api/v1/enterprises/:eid/imports",
    {
      validatorCompiler: multipartAwareValidator,
      schema: {
        tags: ["imports"],
        summary:
          "Upload a bulk registration file (参照 → ファイルアップロード), multipart field `file`. Checked completely (files.md) and against the current data; a file with errors is refused, nothing stored: 400 with the first error's code and every error with its line in error.details.errors (413 8123 over 5 MB or 20,000 lines). The same file already uploaded: 409 8062",
        params: EnterpriseParams,
        body: FileBody,
        response: { 201: UploadAnswer, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const form = await readUploadForm(request, []);
      const { record, summary } = await services.imports.upload(ctx, request.params.eid, form.file ?? missingFile());
      return reply.status(201).send({ ...present(record), summary });
    },
  );

  app.get(
    "/api/v1/enterprises/:eid/imports/template.csv",
    {
      schema: {
        tags: ["imports"],
        summary: "The template of a kind (一括登録用フォーマット): Shift_JIS, CRLF, every field quoted — the kind, the header and one example line",
        params: EnterpriseParams,
        querystring: Type.Object({ kind: Kind }),
        response: { 200: { description: "CSV file (Shift_JIS)", content: { "text/csv": { schema: Type.Unsafe<Buffer>({ type: "string", format: "binary" }) } } }, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const file = await services.imports.template(principalOf(request), request.params.eid, request.query.kind);
      return reply
        .header("content-type", "text/csv; charset=Shift_JIS")
        .header("content-disposition", `attachment; filename="${file.fileName}"`)
        .header("cache-control", "no-store")
        .send(file.bytes);
    },
  );

  app.get(
    "/api/v1/enterprises/:eid/imports/:id",
    {
      schema: {
        tags: ["imports"],
        summary: "One upload with the preview of what applying would change now, line by line (追加 / 変更 old → new / 変更なし / 競合); filter by action, paged (missing: 8077)",
        params: ImportParams,
        querystring: PreviewQuery,
        response: { 200: ImportDetailSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const offset = request.query.offset ?? 0;
      const limit = request.query.limit ?? 50;
      const detail = await services.imports.get(principalOf(request), request.params.eid, request.params.id, { action: request.query.action, offset, limit });
      return { ...present(detail.record), fileIntact: detail.fileIntact, summary: detail.summary, preview: { total: detail.preview.total, offset, limit, items: detail.preview.items.map((l) => ({ ...l, errors: [...l.errors] })) } };
    },
  );

  app.delete(
    "/api/v1/enterprises/:eid/imports/:id",
    { schema: { tags: ["imports"], summary: "Delete an upload (missing: 8075); its file may then be uploaded again", params: ImportParams, response: { 204: Type.Null(), ...errors(400, 401, 403, 404) } } },
    async (request, reply) => {
      await services.imports.remove(contextOf(request), request.params.eid, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/v1/enterprises/:eid/imports/:id/apply",
    {
      schema: {
        tags: ["imports"],
        summary:
          "Apply an upload (即時投入): the stored file is checked against its SHA-256 (409 8073) and every line against the current data, then every line is applied in one transaction (status applied). A refusal changes no data: 409 with the first error's code and every error in error.details.errors, and the upload is marked failed. Applied already: 409 8111; missing: 404 8077",
        params: ImportParams,
        response: { 200: ApplyAnswer, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const result = await services.imports.apply(contextOf(request), request.params.eid, request.params.id);
      return { ...present(result.record), summary: result.summary, adjustedForwarding: result.adjustedForwarding, adjustedSchedules: result.adjustedSchedules };
    },
  );
}

function missingFile(): never {
  throw new DomainError("8068", { field: "file" });
}
