// /api/v1/enterprises/{eid}/phonebooks (共通電話帳): shared phonebooks uploaded as CSV or vCard, and the numbers
// whose apps receive them.
import { Type } from "typebox";
import { DomainError } from "../domain/errors.ts";
import type { PhonebookDetail } from "../services/phonebooks.service.ts";
import type { Phonebook } from "../services/phonebooks.service.ts";
import { contextOf, principalOf } from "./auth.ts";
import { etag, ifMatchVersion } from "./etag.ts";
import { EnterpriseParams, errors, listOf, listOptions, listQuery } from "./schemas/common.ts";
import type { App, RouteDeps } from "./types.ts";
import { multipartAwareValidator, readUploadForm } from "./upload.ts";

const PhonebookSchema = Type.Object({
  id: Type.Integer(),
  no: Type.Integer({ description: "No. on the list (1, 2, … in the order added; shown as 001)" }),
  name: Type.String(),
  fileName: Type.String(),
  format: Type.Union([Type.Literal("csv"), Type.Literal("vcard")]),
  entryCount: Type.Integer(),
  warningCount: Type.Integer({ description: "fields with characters outside JIS X 0208 (環境依存文字)" }),
  memberCount: Type.Integer({ description: "numbers whose apps receive the phonebook" }),
  version: Type.Integer({ description: "the ETag" }),
  createdAt: Type.String(),
  updatedAt: Type.String({ description: "最終更新日時" }),
});

const Entry = Type.Object({
  line: Type.Integer({ description: "where the entry starts in the uploaded file" }),
  name: Type.String(),
  kana: Type.String({ description: "フリガナ" }),
  company: Type.String(),
  department: Type.String(),
  phones: Type.Array(Type.String(), { description: "dialable: national digits, + and digits, or a short number" }),
  email: Type.String(),
  memo: Type.String(),
});

const Warning = Type.Object({
  line: Type.Integer(),
  field: Type.String(),
  characters: Type.Array(Type.String()),
  message: Type.String(),
  messageEn: Type.String(),
});

const DetailSchema = Type.Object({
  ...PhonebookSchema.properties,
  entries: listOf(Entry),
  warnings: Type.Array(Warning, { description: "characters kept as written but outside JIS X 0208: some apps show them garbled" }),
});

const MemberSchema = Type.Object({
  subscriberId: Type.String(),
  number: Type.String(),
  extension: Type.String(),
  displayName: Type.String(),
  member: Type.Boolean(),
});

const PhonebookParams = Type.Object({ eid: Type.String({ maxLength: 64 }), id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

const EntryQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 256, description: "part of a name, furigana, company, department, e-mail or number" })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});

const MemberQuery = Type.Object({
  ...listQuery(["subscriberId", "number", "extension", "displayName"]).properties,
  membership: Type.Optional(Type.Union([Type.Literal("member"), Type.Literal("nonMember"), Type.Literal("all")])),
});

const fileField = Type.String({ format: "binary", description: ".csv (header 名前,フリガナ,会社名,部署,電話番号1,電話番号2,電話番号3,メールアドレス,メモ; Shift_JIS or UTF-8 with a BOM) or .vcf (vCard 3.0 / 4.0); at most 5 MB and 10,000 entries" });
const nameField = Type.String({ maxLength: 1024, description: "共通電話帳名: required, at most 64 characters, unique in the enterprise (8113)" });

function present(p: Phonebook) {
  return {
    id: p.id,
    no: p.no,
    name: p.name,
    fileName: p.fileName,
    format: p.format,
    entryCount: p.entryCount,
    warningCount: p.warningCount,
    memberCount: p.memberCount,
    version: p.version,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

function presentDetail(d: PhonebookDetail, offset: number, limit: number) {
  return {
    ...present(d.phonebook),
    entries: { total: d.entries.total, offset, limit, items: d.entries.items.map((e) => ({ ...e, phones: [...e.phones] })) },
    warnings: d.warnings.map((w) => ({ ...w, characters: [...w.characters] })),
  };
}

export function phonebookRoutes(app: App, { services }: RouteDeps): void {
  app.get(
    "/api/v1/enterprises/:eid/phonebooks",
    {
      schema: {
        tags: ["phonebooks"],
        summary: "The enterprise's shared phonebooks (No., name, file name, last update, entries, warnings); q matches the name",
        params: EnterpriseParams,
        querystring: listQuery(["no", "name", "fileName", "updatedAt"]),
        response: { 200: listOf(PhonebookSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const options = { ...listOptions(request.query), sort: request.query.sort ?? ("no" as const) };
      const result = await services.phonebooks.list(principalOf(request), request.params.eid, options);
      return { total: result.total, offset: options.offset, limit: options.limit, items: result.items.map(present) };
    },
  );

  app.post(
    "/api/v1/enterprises/:eid/phonebooks",
    {
      validatorCompiler: multipartAwareValidator,
      schema: {
        tags: ["phonebooks"],
        summary:
          "Add a shared phonebook (追加), multipart fields `name` and `file`. The file is read completely: an entry without a name or a valid number refuses the file, 400 with every error and its line in error.details.errors; characters outside JIS X 0208 are kept and listed as warnings",
        params: EnterpriseParams,
        body: { content: { "multipart/form-data": { schema: Type.Object({ name: nameField, file: fileField }, { required: ["name", "file"] }) } } },
        response: { 201: DetailSchema, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const form = await readUploadForm(request, ["name"]);
      const detail = await services.phonebooks.create(ctx, request.params.eid, { name: form.fields.get("name"), file: form.file });
      return reply.status(201).header("etag", etag(detail.phonebook.version)).send(presentDetail(detail, 0, 50));
    },
  );

  app.get(
    "/api/v1/enterprises/:eid/phonebooks/template.csv",
    {
      schema: {
        tags: ["phonebooks"],
        summary: "The CSV template of a shared phonebook: Shift_JIS, CRLF, every field quoted — the header and one example entry",
        params: EnterpriseParams,
        response: { 200: { description: "CSV file (Shift_JIS)", content: { "text/csv": { schema: Type.Unsafe<Buffer>({ type: "string", format: "binary" }) } } }, ...errors(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const file = await services.phonebooks.template(principalOf(request), request.params.eid);
      return reply
        .header("content-type", "text/csv; charset=Shift_JIS")
        .header("content-disposition", `attachment; filename="${file.fileName}"`)
        .header("cache-control", "no-store")
        .send(file.bytes);
    },
  );

  app.get(
    "/api/v1/enterprises/:eid/phonebooks/:id",
    {
      schema: {
        tags: ["phonebooks"],
        summary: "One phonebook with a page of its entries (q filters them) and its warnings (missing: 8077)",
        params: PhonebookParams,
        querystring: EntryQuery,
        response: { 200: DetailSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const offset = request.query.offset ?? 0;
      const limit = request.query.limit ?? 50;
      const detail = await services.phonebooks.get(principalOf(request), request.params.eid, request.params.id, { q: request.query.q ?? "", offset, limit });
      return reply.header("etag", etag(detail.phonebook.version)).send(presentDetail(detail, offset, limit));
    },
  );

  app.put(
    "/api/v1/enterprises/:eid/phonebooks/:id",
    {
      validatorCompiler: multipartAwareValidator,
      schema: {
        tags: ["phonebooks"],
        summary:
          "Rename a phonebook and/or replace its file (変更): multipart fields `name` and / or `file`, or JSON {name}. Missing 8077, name in use 8113; If-Match for optimistic concurrency (8111)",
        params: PhonebookParams,
        body: {
          content: {
            "multipart/form-data": { schema: Type.Object({ name: Type.Optional(nameField), file: Type.Optional(fileField) }) },
            "application/json": { schema: Type.Object({ name: nameField }) },
          },
        },
        response: { 200: DetailSchema, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const ifMatch = ifMatchVersion(request.headers["if-match"]);
      let input: { name?: string | undefined; file?: { fileName: string; bytes: Buffer } | undefined };
      if (request.isMultipart()) {
        const form = await readUploadForm(request, ["name"]);
        input = { name: form.fields.get("name"), file: form.file };
      } else {
        input = { name: (request.body as { name?: string } | undefined)?.name };
      }
      if (input.name === undefined && input.file === undefined) throw new DomainError("8008", { field: "name" });
      const detail = await services.phonebooks.update(ctx, request.params.eid, request.params.id, input, ifMatch);
      return reply.header("etag", etag(detail.phonebook.version)).send(presentDetail(detail, 0, 50));
    },
  );

  app.delete(
    "/api/v1/enterprises/:eid/phonebooks/:id",
    { schema: { tags: ["phonebooks"], summary: "Delete a phonebook and its memberships (missing: 8077)", params: PhonebookParams, response: { 204: Type.Null(), ...errors(400, 401, 403, 404) } } },
    async (request, reply) => {
      await services.phonebooks.remove(contextOf(request), request.params.eid, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/v1/enterprises/:eid/phonebooks/:id/members",
    {
      schema: {
        tags: ["phonebooks"],
        summary: "The enterprise's numbers with whether their apps receive the phonebook (メンバ / 非メンバ / both); q matches subscriber ID, number, extension or display name (missing: 8077)",
        params: PhonebookParams,
        querystring: MemberQuery,
        response: { 200: listOf(MemberSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const options = { ...listOptions(request.query), membership: request.query.membership ?? ("all" as const), sort: request.query.sort ?? ("subscriberId" as const) };
      const result = await services.phonebooks.members(principalOf(request), request.params.eid, request.params.id, options);
      return { total: result.total, offset: options.offset, limit: options.limit, items: result.items };
    },
  );

  app.put(
    "/api/v1/enterprises/:eid/phonebooks/:id/members",
    {
      schema: {
        tags: ["phonebooks"],
        summary: "Replace the members, all or nothing (missing phonebook 8077; unknown subscriber 8049); a number may receive several phonebooks",
        params: PhonebookParams,
        body: Type.Object({ subscriberIds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 20_000 }) }),
        response: { 200: Type.Object({ subscriberIds: Type.Array(Type.String()) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => services.phonebooks.setMembers(contextOf(request), request.params.eid, request.params.id, request.body.subscriberIds),
  );
}
