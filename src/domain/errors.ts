// The error catalogue (docs/errors.md): every code the API, the UI and the CLI may answer with.

/** One catalogue entry: HTTP status and the message in Japanese and English. */
export interface CatalogueEntry {
  readonly status: number;
  readonly ja: string;
  readonly en: string;
}

export const catalogue = {
  "8000": { status: 401, ja: "ログイン情報が間違っています。入力値をご確認下さい。", en: "Login failed. Check your input." },
  "8001": { status: 423, ja: "規定回数以上ログインに失敗した為規制されました。", en: "Too many failed logins; this ID is locked for a while." },
  "8008": { status: 400, ja: "必須入力のリクエストパラメータに空文字が設定されています。", en: "A required field is empty." },
  "8009": { status: 400, ja: "不正な文字種がリクエストパラメータに含まれています。", en: "A field contains characters that are not allowed." },
  "8012": { status: 400, ja: "内線グループの設定が有効に対し内線番号が存在しません。", en: "An extension-group member needs an extension number." },
  "8013": { status: 400, ja: "内線グループの設定が、「未設定」に対し内線番号が存在しています。", en: "An extension number needs an extension group." },
  "8014": { status: 404, ja: "検索対象の内線グループ情報が存在しません。", en: "Extension group not found." },
  "8015": { status: 404, ja: "更新対象の加入者情報が存在しません。", en: "Subscriber to update not found." },
  "8016": { status: 404, ja: "検索対象の企業情報が存在しません。", en: "Enterprise not found." },
  "8017": { status: 409, ja: "追加対象の内線グループが既に存在しています。", en: "That extension group already exists." },
  "8018": { status: 409, ja: "重複するグループ名もしくは拠点番号が存在します。", en: "Group name or site number already in use." },
  "8019": { status: 404, ja: "更新対象の内線グループが存在しません。", en: "Extension group to update not found." },
  "8020": { status: 404, ja: "削除対象の内線グループが存在しません。", en: "Extension group to delete not found." },
  "8021": { status: 409, ja: "追加対象の代表グループは、既に存在しています。", en: "That hunt group already exists." },
  "8022": { status: 409, ja: "対象の加入者は、既に別の代表グループが設定されています。", en: "The subscriber is already in another hunt group." },
  "8023": { status: 404, ja: "スケジュール転送先が存在しません。", en: "Schedule not found." },
  "8024": { status: 404, ja: "更新対象の代表グループが存在しません。", en: "Hunt group to update not found." },
  "8025": { status: 404, ja: "対象の代表グループを設定している加入者情報が存在しません。", en: "The hunt group's pilot subscriber does not exist." },
  "8026": { status: 404, ja: "更新対象の代表番号(加入者情報)が存在しません。", en: "Pilot number to update not found." },
  "8027": { status: 409, ja: "更新対象の代表番号(加入者情報)は、既に別の代表グループが設定されています。", en: "That pilot number belongs to another hunt group." },
  "8028": { status: 404, ja: "削除対象の代表グループが存在しません。", en: "Hunt group to delete not found." },
  "8029": { status: 404, ja: "削除対象の代表グループを設定している加入者情報が存在しません。", en: "The pilot of the hunt group to delete not found." },
  "8030": { status: 409, ja: "メンバーが存在する代表グループは削除できません。", en: "A hunt group with members can't be deleted." },
  "8031": { status: 400, ja: "同一代表グループ内で加入者が重複しています。", en: "Duplicate member in the hunt group." },
  "8032": { status: 400, ja: "同一代表グループ内で着信順序が重複しています。", en: "Duplicate order in the hunt group." },
  "8034": { status: 409, ja: "追加対象のスケジュールは既に存在します。", en: "That schedule already exists." },
  "8035": { status: 404, ja: "更新対象のスケジュールが存在しません。", en: "Schedule to update not found." },
  "8036": { status: 404, ja: "追加対象のスケジュールが存在しません。", en: "Schedule to add rules to not found." },
  "8037": { status: 409, ja: "同一データのスケジュールが存在します。", en: "An identical schedule rule exists." },
  "8038": { status: 404, ja: "削除対象のスケジュールが存在しません。", en: "Schedule to delete not found." },
  "8039": { status: 400, ja: "転送先が規制対象です。", en: "That forwarding destination is not allowed." },
  "8041": { status: 400, ja: "開始時間、終了時間の範囲が不正です。", en: "Invalid start/end time range." },
  "8043": { status: 409, ja: "追加対象のピックアップグループ名もしくはピックアップグループ番号とサイト名が重複しています。", en: "Pickup group name, or number and site, already in use." },
  "8044": { status: 409, ja: "更新対象のピックアップグループ名もしくはピックアップグループ番号とサイト名が重複しています。", en: "Pickup group name, or number and site, already in use." },
  "8045": { status: 404, ja: "更新対象のピックアップグループが存在しません。", en: "Pickup group to update not found." },
  "8046": { status: 409, ja: "メンバーが存在するピックアップグループは削除できません。", en: "A pickup group with members can't be deleted." },
  "8047": { status: 404, ja: "削除対象のピックアップグループが存在しません。", en: "Pickup group to delete not found." },
  "8048": { status: 404, ja: "ピックアップグループが存在しません。", en: "Pickup group not found." },
  "8049": { status: 404, ja: "加入者情報が存在しません。", en: "Subscriber not found." },
  "8050": { status: 409, ja: "代表回線の場合は加入者情報をクリアできません。", en: "A hunt-group pilot can't be cleared." },
  "8051": { status: 404, ja: "内線グループが存在しません。", en: "Extension group not found." },
  "8052": { status: 409, ja: "同一内線グループ内で内線番号が重複しています。", en: "Duplicate extension number in the group." },
  "8053": { status: 404, ja: "対象のハントグループが登録されていません。", en: "Hunt group not registered." },
  "8054": { status: 400, ja: "内線番号を指定した場合、内線グループIDは必須です。", en: "An extension number requires an extension group." },
  "8056": { status: 400, ja: "一括投入用CSVファイルの拡張子がcsvではありません。", en: "The bulk file's extension is not .csv." },
  "8057": { status: 400, ja: "一括投入用CSVファイルの読み込みに失敗しました。", en: "The bulk file could not be read." },
  "8058": { status: 400, ja: "一括投入用CSVファイルの改行がCRLFではありません。", en: "The bulk file's line ends are not CRLF." },
  "8059": { status: 400, ja: "一括投入用CSVファイルの読み込みに失敗しました。", en: "The bulk file could not be read." },
  "8060": { status: 400, ja: "一括投入用CSVファイルの1行目のデータ区分が「VPN」、「HUNT」、「PICKUP」ではありません。", en: "Line 1 must be VPN, HUNT or PICKUP." },
  "8061": { status: 400, ja: "一括投入用CSVファイルの文字コードがShift-JISではありません。", en: "The bulk file is not Shift_JIS." },
  "8062": { status: 409, ja: "対象の一括投入用CSVファイルは既に登録されています。", en: "This file has already been uploaded." },
  "8066": { status: 400, ja: "一括投入用のデータが存在しません。", en: "The bulk file has no data lines." },
  "8068": { status: 400, ja: "一括投入用CSVファイルがありません。", en: "No bulk file was given." },
  "8069": { status: 400, ja: "一括投入用CSVファイルのデータの項目数が間違っています。", en: "Wrong number of fields." },
  "8070": { status: 400, ja: "一括投入用CSVファイルのデータが不正です。", en: "Invalid data in the bulk file." },
  "8071": { status: 400, ja: "一括投入用CSVファイルがピックアップグループデータの場合は2番目のパラメータは必須です。", en: "PICKUP lines need the 2nd field." },
  "8072": { status: 400, ja: "一括投入用CSVファイル内の対象の加入者情報が存在しません。", en: "A subscriber in the bulk file does not exist." },
  "8073": { status: 409, ja: "一括投入用CSVファイルが変更されている可能性があります。", en: "The bulk file may have changed since upload." },
  "8075": { status: 404, ja: "削除対象の一括投入用のデータが存在しません。", en: "Upload to delete not found." },
  "8077": { status: 404, ja: "ファイルが存在しません。", en: "File not found." },
  "8078": { status: 400, ja: "スケジュールデータに指定した日付が有効ではありません。", en: "Invalid date in the schedule." },
  "8079": { status: 400, ja: "対象の一括投入用CSVファイルはカンマ区切りではありません。", en: "The bulk file is not comma-separated." },
  "8080": { status: 400, ja: "一括投入用CSVファイル内にダブルクォーテーションで囲まれていない項目が存在します。", en: "A field is not in double quotes." },
  "8081": { status: 409, ja: "メンバが存在するピックアップグループはサイトを変更できません。", en: "Can't change the site of a pickup group with members." },
  "8082": { status: 409, ja: "ハントメンバーが6人以上登録されているため、ハントタイプを同報に変更できません。", en: "6+ members: can't switch to simultaneous." },
  "8083": { status: 409, ja: "ハントメンバーが33人以上登録されているため、ハントタイプを同報以外に変更できません。", en: "33+ members: can't switch away from simultaneous." },
  "8084": { status: 400, ja: "ハントタイプが同報の場合、ハントメンバーは6人以上登録できません。", en: "Simultaneous allows at most 5 members." },
  "8085": { status: 400, ja: "ハントタイプが同報以外の場合、ハントメンバーは33人以上登録できません。", en: "At most 32 members." },
  "8100": { status: 400, ja: "転送先番号リストは30件までです。", en: "At most 30 forwarding destinations." },
  "8101": { status: 400, ja: "メモは256バイト(全角128文字)以内で入力してください。", en: "Memo: at most 256 bytes (128 full-width characters)." },
  "8102": { status: 400, ja: "国際電話番号への転送はWEBでは設定できません。サービス特番で設定してください。", en: "International forwarding can't be set on the web; use the feature code." },
  "8103": { status: 400, ja: "不応答転送タイマは1～180秒で指定してください。", en: "No-answer timer: 1–180 seconds." },
  "8104": { status: 403, ja: "標準の企業管理者IDは変更・削除できません。", en: "The built-in administrator can't be changed or deleted." },
  "8105": { status: 400, ja: "パスワード(確認用)が一致しません。", en: "The passwords do not match." },
  "8106": { status: 400, ja: "ログインIDは半角英数字記号32文字以内で入力してください。", en: "Login ID: up to 32 half-width letters, digits and symbols." },
  "8107": { status: 400, ja: "パスワードは半角英数字記号8～32文字で入力してください。", en: "Password: 8–32 half-width letters, digits and symbols." },
  "8108": { status: 400, ja: "現在のパスワードが正しくありません。", en: "The current password is wrong." },
  "8109": { status: 403, ja: "この操作を行う権限がありません。", en: "You are not allowed to do this." },
  "8110": { status: 401, ja: "ログインしてください。(セッションの有効期限切れ)", en: "Please log in (session expired)." },
  "8111": { status: 409, ja: "ほかの利用者が先に更新しました。画面を再読み込みしてください。", en: "Someone else changed this first; reload." },
  "8112": { status: 409, ja: "ログインIDが既に存在します。", en: "That login ID already exists." },
  "8113": { status: 409, ja: "グループ名が重複しています。", en: "That group name already exists." },
  "8114": { status: 409, ja: "ログインアカウントが割り当てられているグループは削除できません。", en: "The group is used by a login account." },
  "8115": { status: 403, ja: "転送サービスのご契約がありません。", en: "No forwarding service contract." },
  "8116": { status: 403, ja: "この設定の変更にはお申し込みが必要です。", en: "Changing this setting requires an application to the operator." },
  "8117": { status: 400, ja: "電話番号の形式が正しくありません。", en: "Invalid phone number." },
  "8118": { status: 409, ja: "転送がループしています。", en: "The forwarding would loop." },
  "8119": { status: 403, ja: "緊急停止中の番号です。", en: "The number is under emergency stop." },
  "8120": { status: 403, ja: "端末認証により初期設定が制限されています。", en: "Terminal authentication blocks this setup." },
  "8121": { status: 429, ja: "しばらくしてから再度お試しください。", en: "Too many requests; try again later." },
  "8122": { status: 409, ja: "使用中のため削除できません。", en: "In use; can't delete." },
  "8123": { status: 413, ja: "ファイルが大きすぎます。", en: "The file is too large." },
  "8124": { status: 409, ja: "企業IDが既に存在します。", en: "That enterprise ID already exists." },
  "8125": { status: 409, ja: "加入者IDまたは外線番号が既に存在します。", en: "That subscriber ID or number already exists." },
  "8126": { status: 404, ja: "対象のデータが存在しません。", en: "Not found." },
  "8199": { status: 500, ja: "システムエラーが発生しました。", en: "Internal error." },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof catalogue;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(catalogue, code);
}

export interface DomainErrorOptions {
  /** The request field at fault, as a dotted path (`unconditional.destination`). */
  readonly field?: string;
  /** Machine-readable details (the loop, the per-row errors, the user of a schedule…). */
  readonly details?: unknown;
  /** A more specific Japanese / English message than the catalogue's (e.g. the number class). */
  readonly message?: { ja: string; en: string };
  /** The HTTP status when it differs from the catalogue's (a refused upload answers 400 whatever its first line's code). */
  readonly status?: number;
}

/** A rule of the product refused something: carries a catalogue code, never a stack to the client. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field: string | undefined;
  readonly details: unknown;
  readonly messageJa: string;
  readonly messageEn: string;

  constructor(code: ErrorCode, options: DomainErrorOptions = {}) {
    const entry = catalogue[code];
    super(`${code}: ${options.message?.en ?? entry.en}`);
    this.name = "DomainError";
    this.code = code;
    this.status = options.status ?? entry.status;
    this.field = options.field;
    this.details = options.details;
    this.messageJa = options.message?.ja ?? entry.ja;
    this.messageEn = options.message?.en ?? entry.en;
  }
}

/** The API's error body (api.md §Conventions). */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; messageEn: string; field?: string; details?: unknown };
}

export function errorBody(error: DomainError): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.messageJa,
      messageEn: error.messageEn,
      ...(error.field === undefined ? {} : { field: error.field }),
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
}
