import type {
  AccountPasswordWrong,
  DuplicatePost,
  InvalidCredentials,
  InvalidCursor,
  NotificationNotFound,
  RateLimited,
  SessionNotFound,
  TooManyAttempts,
  UserNotFound,
  WrongPassword,
} from "../../application/errors.js";
import type { EmailTaken } from "../../application/ports/UserRepository.js";
import type { AcceptError } from "../../domain/answer/acceptance.js";
import type { AnswerError } from "../../domain/answer/answer.js";
import type { AcceptedAnswerUndeletable, NotAnswerAuthor } from "../../domain/answer/edit.js";
import type { WouldGoNegative, ZeroAmount } from "../../domain/ledger/ledger.js";
import type { AttachError, ImageCheckError, MediaNotUploaded, UploadRequestError } from "../../domain/media/media.js";
import type { AlreadyFlagged, CannotFlagOwnPost, NotAdmin, NotModerator, ReviewNotFound } from "../../domain/moderation/moderation.js";
import type { TooManyLinks } from "../../domain/moderation/postingLimits.js";
import type { FollowLimitReached, FollowNotFound, InvalidHashtag } from "../../domain/notification/follow.js";
import type {
  GuardianConsentRequired,
  LocationConsentRequired,
  RequiredConsentMissing,
  RequiredConsentWithdrawal,
} from "../../domain/privacy/consent.js";
import type { QuestionHasAcceptedAnswer, QuestionRegionLocked } from "../../domain/question/edit.js";
import type { AskError, InvalidStatusTransition, NotQuestionAuthor, QuestionNotFound } from "../../domain/question/question.js";
import type { CannotLikeOwn } from "../../domain/shared/like.js";
import type { CommonPassword } from "../../domain/user/password.js";
import type { RegistrationError } from "../../domain/user/user.js";
import type { NoHomeRegion, NotInHomeRegion } from "../../domain/user/verification.js";
import type { InvalidWebhookUrl, WebhookExists, WebhookNotFound } from "../../domain/webhook/webhook.js";

/** Every expected failure a use case can return. */
export type KnownError =
  | AskError
  | AnswerError
  | AcceptError
  | InvalidStatusTransition
  | NotQuestionAuthor
  | QuestionNotFound
  | WouldGoNegative
  | ZeroAmount
  | CannotLikeOwn
  | RegistrationError
  | NoHomeRegion
  | NotInHomeRegion
  | EmailTaken
  | UserNotFound
  | NotificationNotFound
  | InvalidCredentials
  | InvalidCursor
  | UploadRequestError
  | ImageCheckError
  | AttachError
  | MediaNotUploaded
  | TooManyAttempts
  | WrongPassword
  | SessionNotFound
  | CommonPassword
  | RateLimited
  | DuplicatePost
  | TooManyLinks
  | QuestionRegionLocked
  | QuestionHasAcceptedAnswer
  | NotAnswerAuthor
  | AcceptedAnswerUndeletable
  | CannotFlagOwnPost
  | AlreadyFlagged
  | ReviewNotFound
  | NotModerator
  | NotAdmin
  | RequiredConsentMissing
  | RequiredConsentWithdrawal
  | LocationConsentRequired
  | GuardianConsentRequired
  | AccountPasswordWrong
  | FollowLimitReached
  | FollowNotFound
  | InvalidHashtag
  | InvalidWebhookUrl
  | WebhookExists
  | WebhookNotFound;

/**
 * What went wrong, independent of the transport: each transport derives its own code from it (tRPC's code in
 * src/app/trpc/errorCodes.ts, an HTTP status from HTTP_STATUS), so the two cannot disagree.
 */
export type ErrorKind =
  | "invalid"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "unprocessable"
  | "too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "unavailable"
  | "internal";

/** The HTTP status of each kind (the one tRPC's codes map to, checked in test/app/errorCatalogue.test.ts). */
export const HTTP_STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  unprocessable: 422,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

export interface ErrorEntry {
  readonly kind: ErrorKind;
  /** Stable, machine-readable; clients switch on it. */
  readonly code: string;
  /** For end users, in Korean. */
  readonly message: string;
  /** The input field it is about, when there is one. */
  readonly field?: string;
}

/** The one table from error tags to kinds, stable codes and Korean messages. */
export const ERROR_TABLE: Record<KnownError["_tag"], ErrorEntry> = {
  QuestionTitleLength: {
    kind: "invalid",
    code: "QUESTION_TITLE_LENGTH",
    message: "질문 제목은 10자 이상 200자 이하로 입력해 주세요.",
    field: "title",
  },
  QuestionContentLength: {
    kind: "invalid",
    code: "QUESTION_CONTENT_LENGTH",
    message: "질문 내용은 20자 이상 2000자 이하로 입력해 주세요.",
    field: "content",
  },
  TooManyHashtags: {
    kind: "invalid",
    code: "TOO_MANY_HASHTAGS",
    message: "해시태그는 최대 5개까지 달 수 있어요.",
    field: "hashtags",
  },
  QuestionRegionRequired: {
    kind: "invalid",
    code: "REGION_REQUIRED",
    message: "지역을 선택하거나 지도에서 위치를 지정해 주세요.",
    field: "regionCode",
  },
  RegionNotFound: { kind: "invalid", code: "REGION_NOT_FOUND", message: "존재하지 않는 지역이에요.", field: "regionCode" },
  LocationOutsideServiceArea: {
    kind: "invalid",
    code: "LOCATION_OUTSIDE_SERVICE_AREA",
    message: "제주 지역 안의 위치만 지정할 수 있어요.",
    field: "location",
  },
  LocationOutsideRegions: {
    kind: "invalid",
    code: "LOCATION_WITHOUT_REGION",
    message: "이 위치가 속한 동네를 찾지 못했어요. 지역을 직접 선택해 주세요.",
    field: "location",
  },
  LocationRegionMismatch: {
    kind: "invalid",
    code: "LOCATION_REGION_MISMATCH",
    message: "지정한 위치가 선택한 지역에 속하지 않아요.",
    field: "location",
  },
  LocationDescriptionLength: {
    kind: "invalid",
    code: "LOCATION_DESCRIPTION_LENGTH",
    message: "위치 설명은 200자 이하로 입력해 주세요.",
    field: "location.description",
  },
  TooManyImages: { kind: "invalid", code: "TOO_MANY_IMAGES", message: "사진은 최대 5장까지 올릴 수 있어요.", field: "images" },
  InvalidStatusTransition: {
    kind: "conflict",
    code: "INVALID_STATUS_TRANSITION",
    message: "지금 질문 상태에서는 할 수 없는 작업이에요.",
  },
  NotQuestionAuthor: { kind: "forbidden", code: "NOT_QUESTION_AUTHOR", message: "질문을 올린 분만 할 수 있어요." },
  QuestionNotFound: { kind: "not_found", code: "QUESTION_NOT_FOUND", message: "질문을 찾을 수 없어요." },
  AnswerContentLength: {
    kind: "invalid",
    code: "ANSWER_CONTENT_LENGTH",
    message: "답변은 10자 이상 1000자 이하로 입력해 주세요.",
    field: "content",
  },
  QuestionNotAnswerable: { kind: "conflict", code: "QUESTION_NOT_ANSWERABLE", message: "마감되었거나 숨겨진 질문에는 답변할 수 없어요." },
  AnswerNotFound: { kind: "not_found", code: "ANSWER_NOT_FOUND", message: "답변을 찾을 수 없어요." },
  CannotAcceptOwnAnswer: { kind: "forbidden", code: "CANNOT_ACCEPT_OWN_ANSWER", message: "자신이 쓴 답변은 채택할 수 없어요." },
  AnswerAlreadyAccepted: { kind: "conflict", code: "ANSWER_ALREADY_ACCEPTED", message: "이미 채택된 답변이 있는 질문이에요." },
  QuestionNotOpen: { kind: "conflict", code: "QUESTION_NOT_OPEN", message: "진행 중인 질문에서만 답변을 채택할 수 있어요." },
  WouldGoNegative: { kind: "invalid", code: "INSUFFICIENT_POINTS", message: "포인트가 부족해요." },
  ZeroAmount: { kind: "invalid", code: "INVALID_POINT_AMOUNT", message: "포인트 금액이 올바르지 않아요." },
  CannotLikeOwn: { kind: "forbidden", code: "CANNOT_LIKE_OWN", message: "자신의 글에는 좋아요를 누를 수 없어요." },
  InvalidEmail: { kind: "invalid", code: "INVALID_EMAIL", message: "올바른 이메일 주소를 입력해 주세요.", field: "email" },
  NicknameLength: {
    kind: "invalid",
    code: "NICKNAME_LENGTH",
    message: "닉네임은 1자 이상 50자 이하로 입력해 주세요.",
    field: "nickname",
  },
  WeakPassword: {
    kind: "invalid",
    code: "WEAK_PASSWORD",
    message: "비밀번호는 8자 이상 128자 이하로 입력해 주세요.",
    field: "password",
  },
  HomeRegionNotFound: { kind: "invalid", code: "REGION_NOT_FOUND", message: "존재하지 않는 지역이에요.", field: "regionCode" },
  NoHomeRegion: { kind: "invalid", code: "HOME_REGION_REQUIRED", message: "먼저 내 동네를 설정해 주세요." },
  NotInHomeRegion: { kind: "forbidden", code: "NOT_IN_HOME_REGION", message: "현재 위치가 내 동네 안에 있지 않아요." },
  EmailTaken: { kind: "conflict", code: "EMAIL_TAKEN", message: "이미 가입된 이메일이에요.", field: "email" },
  UserNotFound: { kind: "not_found", code: "USER_NOT_FOUND", message: "사용자를 찾을 수 없어요." },
  NotificationNotFound: { kind: "not_found", code: "NOTIFICATION_NOT_FOUND", message: "알림을 찾을 수 없어요.", field: "ids" },
  InvalidCredentials: { kind: "unauthenticated", code: "INVALID_CREDENTIALS", message: "이메일 또는 비밀번호가 올바르지 않아요." },
  InvalidCursor: {
    kind: "invalid",
    code: "INVALID_CURSOR",
    message: "잘못된 페이지 정보예요. 처음부터 다시 불러와 주세요.",
    field: "cursor",
  },
  UnsupportedImageType: {
    kind: "invalid",
    code: "IMAGE_TYPE_UNSUPPORTED",
    message: "JPEG, PNG, WebP 사진만 올릴 수 있어요.",
    field: "contentType",
  },
  ImageTooLarge: { kind: "invalid", code: "IMAGE_TOO_LARGE", message: "사진은 10MB 이하만 올릴 수 있어요.", field: "size" },
  ImageTooManyPixels: {
    kind: "invalid",
    code: "IMAGE_TOO_MANY_PIXELS",
    message: "사진 해상도가 너무 커요. 4천만 화소 이하로 줄여서 올려 주세요.",
    field: "key",
  },
  UploadLimitReached: {
    kind: "rate_limited",
    code: "UPLOAD_LIMIT_REACHED",
    message: "오늘 올릴 수 있는 사진 수를 모두 썼어요. 내일 다시 올려 주세요.",
  },
  MediaNotFound: { kind: "not_found", code: "MEDIA_NOT_FOUND", message: "올린 사진을 찾을 수 없어요. 다시 올려 주세요.", field: "images" },
  MediaNotYours: { kind: "forbidden", code: "MEDIA_NOT_YOURS", message: "직접 올린 사진만 쓸 수 있어요.", field: "images" },
  MediaNotUploaded: {
    kind: "invalid",
    code: "MEDIA_NOT_UPLOADED",
    message: "사진 파일이 아직 올라오지 않았어요. 업로드를 마친 뒤 다시 시도해 주세요.",
    field: "key",
  },
  MediaNotConfirmed: {
    kind: "invalid",
    code: "MEDIA_NOT_CONFIRMED",
    message: "확인되지 않은 사진이에요. 다시 올려 주세요.",
    field: "images",
  },
  MediaAlreadyAttached: { kind: "conflict", code: "MEDIA_ALREADY_ATTACHED", message: "이미 다른 글에 쓴 사진이에요.", field: "images" },
  TooManyAttempts: {
    kind: "rate_limited",
    code: "TOO_MANY_REQUESTS",
    message: "시도 횟수가 너무 많아요.",
  },
  WrongPassword: { kind: "forbidden", code: "WRONG_PASSWORD", message: "현재 비밀번호가 올바르지 않아요.", field: "currentPassword" },
  SessionNotFound: { kind: "not_found", code: "SESSION_NOT_FOUND", message: "로그인된 기기를 찾을 수 없어요.", field: "sessionId" },
  CommonPassword: {
    kind: "invalid",
    code: "COMMON_PASSWORD",
    message: "너무 흔하거나 추측하기 쉬운 비밀번호예요(유출된 비밀번호 목록이나 이메일·닉네임과 같아요). 다른 비밀번호를 정해 주세요.",
    field: "password",
  },
  RateLimited: { kind: "rate_limited", code: "RATE_LIMITED", message: "새로 가입한 계정은 글을 올리는 횟수가 제한돼요." },
  DuplicatePost: { kind: "rate_limited", code: "DUPLICATE_POST", message: "방금 같은 내용을 올렸어요." },
  TooManyLinks: {
    kind: "invalid",
    code: "TOO_MANY_LINKS",
    message: "새로 가입한 계정의 답변에는 링크를 많이 넣을 수 없어요(기본 2개까지).",
    field: "content",
  },
  QuestionRegionLocked: {
    kind: "invalid",
    code: "QUESTION_REGION_LOCKED",
    message: "답변이 달린 질문은 지역을 바꿀 수 없어요.",
    field: "regionCode",
  },
  QuestionHasAcceptedAnswer: {
    kind: "conflict",
    code: "QUESTION_HAS_ACCEPTED_ANSWER",
    message: "채택된 답변이 있는 질문은 삭제할 수 없어요.",
  },
  NotAnswerAuthor: { kind: "forbidden", code: "NOT_ANSWER_AUTHOR", message: "답변을 쓴 분만 할 수 있어요." },
  AcceptedAnswerUndeletable: { kind: "conflict", code: "ACCEPTED_ANSWER_UNDELETABLE", message: "채택된 답변은 삭제할 수 없어요." },
  CannotFlagOwnPost: { kind: "invalid", code: "CANNOT_FLAG_OWN_POST", message: "내가 쓴 글은 신고할 수 없어요.", field: "targetId" },
  AlreadyFlagged: { kind: "conflict", code: "ALREADY_FLAGGED", message: "이미 신고한 글이에요." },
  ReviewNotFound: { kind: "not_found", code: "REVIEW_NOT_FOUND", message: "검토를 기다리는 글이 아니에요.", field: "targetId" },
  NotModerator: { kind: "forbidden", code: "NOT_MODERATOR", message: "운영자만 할 수 있어요." },
  NotAdmin: { kind: "forbidden", code: "NOT_ADMIN", message: "관리자만 할 수 있어요." },
  FollowLimitReached: {
    kind: "conflict",
    code: "FOLLOW_LIMIT_REACHED",
    message: "팔로우는 50개까지 할 수 있어요. 다른 팔로우를 먼저 정리해 주세요.",
  },
  FollowNotFound: { kind: "not_found", code: "FOLLOW_NOT_FOUND", message: "팔로우를 찾을 수 없어요.", field: "id" },
  InvalidWebhookUrl: {
    kind: "invalid",
    code: "INVALID_WEBHOOK_URL",
    message: "웹훅 주소는 https로 시작하는 공개 주소여야 해요(아이디·비밀번호나 #은 넣을 수 없어요).",
    field: "url",
  },
  WebhookExists: {
    kind: "conflict",
    code: "WEBHOOK_EXISTS",
    message: "같은 지역·이벤트·주소의 웹훅이 이미 있어요.",
    field: "url",
  },
  WebhookNotFound: { kind: "not_found", code: "WEBHOOK_NOT_FOUND", message: "웹훅을 찾을 수 없어요." },
  InvalidHashtag: { kind: "invalid", code: "INVALID_HASHTAG", message: "해시태그를 1~30자로 입력해 주세요.", field: "hashtag" },
  InvalidBirthYear: { kind: "invalid", code: "INVALID_BIRTH_YEAR", message: "태어난 해를 올바르게 입력해 주세요.", field: "birthYear" },
  RequiredConsentMissing: {
    kind: "invalid",
    code: "REQUIRED_CONSENT_MISSING",
    message: "서비스 이용약관과 개인정보 처리방침에 동의해야 가입할 수 있어요.",
    field: "consents",
  },
  RequiredConsentWithdrawal: {
    kind: "invalid",
    code: "REQUIRED_CONSENT_WITHDRAWAL",
    message: "필수 동의는 철회할 수 없어요. 더 이상 이용하지 않으시려면 회원 탈퇴를 해 주세요.",
    field: "kind",
  },
  LocationConsentRequired: {
    kind: "forbidden",
    code: "LOCATION_CONSENT_REQUIRED",
    message: "위치기반서비스 이용약관에 동의해야 위치 기능을 쓸 수 있어요.",
  },
  GuardianConsentRequired: {
    kind: "forbidden",
    code: "GUARDIAN_CONSENT_REQUIRED",
    message: "만 14세 미만은 법정대리인의 동의가 있어야 위치 기능을 쓸 수 있어요.",
  },
  AccountPasswordWrong: { kind: "forbidden", code: "WRONG_PASSWORD", message: "비밀번호가 올바르지 않아요.", field: "password" },
};

/** Input issues with a code of their own: the edge's schemas tag them (`params.code`), the formatter reads the tag. */
export const INPUT_ISSUES = {
  INVALID_CURSOR: { kind: "invalid", code: ERROR_TABLE.InvalidCursor.code, message: ERROR_TABLE.InvalidCursor.message },
  INVALID_CHARACTERS: { kind: "invalid", code: "INVALID_CHARACTERS", message: "입력할 수 없는 문자(제어 문자나 깨진 문자)가 들어 있어요." },
  INVALID_MEDIA_KEY: { kind: "invalid", code: "INVALID_MEDIA_KEY", message: "올바른 사진 키가 아니에요. 사진을 다시 올려 주세요." },
} as const satisfies Record<string, ErrorEntry>;

/** Requests per HTTP batch (tRPC's maxBatchSize): a page needs a handful, a flood needs hundreds. */
export const MAX_BATCH_SIZE = 10;

const TOO_MUCH = "요청이 너무 많거나 커요. 잠시 후 다시 시도해 주세요.";

/** For failures that are not a domain outcome. */
export const GENERIC = {
  INVALID_INPUT: { kind: "invalid", code: "INVALID_INPUT", message: "입력값을 확인해 주세요." },
  UNAUTHENTICATED: { kind: "unauthenticated", code: "UNAUTHENTICATED", message: "로그인이 필요해요." },
  INTERNAL: { kind: "internal", code: "INTERNAL", message: "일시적인 오류가 발생했어요. 잠시 후 다시 시도해 주세요." },
  NOT_FOUND: { kind: "not_found", code: "NOT_FOUND", message: "요청한 기능을 찾을 수 없어요." },
  METHOD_NOT_SUPPORTED: {
    kind: "method_not_allowed",
    code: "METHOD_NOT_SUPPORTED",
    message: "이 요청 방식은 쓸 수 없어요. 조회는 GET, 변경은 POST로 보내 주세요.",
  },
  UNSUPPORTED_MEDIA_TYPE: {
    kind: "unsupported_media_type",
    code: "UNSUPPORTED_MEDIA_TYPE",
    message: "요청 본문은 JSON으로 보내 주세요(Content-Type: application/json).",
  },
  UNAVAILABLE: {
    kind: "unavailable",
    code: "TEMPORARILY_UNAVAILABLE",
    message: "지금은 요청이 몰려 처리하지 못했어요. 잠시 후 다시 시도해 주세요.",
  },
  BATCH_TOO_LARGE: { kind: "invalid", code: "BATCH_TOO_LARGE", message: `한 번에 묶어 보낼 수 있는 요청은 ${MAX_BATCH_SIZE}개까지예요.` },
  TOO_MANY_REQUESTS: { kind: "rate_limited", code: "TOO_MANY_REQUESTS", message: TOO_MUCH },
  PAYLOAD_TOO_LARGE: { kind: "too_large", code: "PAYLOAD_TOO_LARGE", message: TOO_MUCH },
  CROSS_SITE_REQUEST: {
    kind: "forbidden",
    code: "CROSS_SITE_REQUEST",
    message: "다른 사이트에서 보낸 요청은 처리할 수 없어요. 동네물어봐에서 다시 시도해 주세요.",
  },
  IDEMPOTENCY_KEY_REUSED: {
    kind: "unprocessable",
    code: "IDEMPOTENCY_KEY_REUSED",
    message: "이 Idempotency-Key는 다른 요청에 이미 쓰였어요. 새 요청에는 새 키를 써 주세요.",
  },
  IDEMPOTENCY_KEY_IN_USE: {
    kind: "conflict",
    code: "IDEMPOTENCY_KEY_IN_USE",
    message: "같은 Idempotency-Key의 요청을 아직 처리하고 있어요. 잠시 후 같은 요청을 다시 보내 주세요.",
  },
  INVALID_IDEMPOTENCY_KEY: {
    kind: "invalid",
    code: "INVALID_IDEMPOTENCY_KEY",
    message: "Idempotency-Key는 1~255자의 영문·숫자·기호로 보내 주세요(요청 하나에 하나, 묶음 요청에는 쓸 수 없어요).",
  },
  IDEMPOTENCY_NOT_SUPPORTED: {
    kind: "invalid",
    code: "IDEMPOTENCY_NOT_SUPPORTED",
    message: "새 로그인 정보나 비밀 키를 돌려주는 요청에는 Idempotency-Key를 쓸 수 없어요.",
  },
  ORIGIN_NOT_ALLOWED: { kind: "forbidden", code: "ORIGIN_NOT_ALLOWED", message: "허용되지 않은 출처에서 보낸 요청이에요." },
  TOO_MANY_STREAMS: {
    kind: "rate_limited",
    code: "TOO_MANY_STREAMS",
    message: "실시간 알림 연결이 너무 많아요. 다른 창이나 기기의 연결을 닫고 다시 시도해 주세요.",
  },
} as const satisfies Record<string, ErrorEntry>;

/**
 * Every code's message in English, for clients that ask for it (`Accept-Language: en`, src/app/api/language.ts);
 * Korean stays the default. test/app/api/errorCatalogue.test.ts checks that no code of the catalogue is missing.
 */
export const ENGLISH_MESSAGES: Readonly<Record<string, string>> = {
  QUESTION_TITLE_LENGTH: "The title must be 10 to 200 characters long.",
  QUESTION_CONTENT_LENGTH: "The question must be 20 to 2000 characters long.",
  TOO_MANY_HASHTAGS: "A question can have at most 5 hashtags.",
  REGION_REQUIRED: "Choose a region or mark a place on the map.",
  REGION_NOT_FOUND: "This region does not exist.",
  LOCATION_OUTSIDE_SERVICE_AREA: "Only places on Jeju can be chosen.",
  LOCATION_WITHOUT_REGION: "We could not find the neighbourhood of this place. Please choose a region.",
  LOCATION_REGION_MISMATCH: "The place you marked is not in the region you chose.",
  LOCATION_DESCRIPTION_LENGTH: "The place description can be at most 200 characters long.",
  TOO_MANY_IMAGES: "You can attach at most 5 photos.",
  INVALID_STATUS_TRANSITION: "This cannot be done while the question is in its current state.",
  NOT_QUESTION_AUTHOR: "Only the person who asked can do this.",
  QUESTION_NOT_FOUND: "The question was not found.",
  ANSWER_CONTENT_LENGTH: "The answer must be 10 to 1000 characters long.",
  QUESTION_NOT_ANSWERABLE: "Closed or hidden questions cannot be answered.",
  ANSWER_NOT_FOUND: "The answer was not found.",
  CANNOT_ACCEPT_OWN_ANSWER: "You cannot accept your own answer.",
  ANSWER_ALREADY_ACCEPTED: "This question already has an accepted answer.",
  QUESTION_NOT_OPEN: "Answers can only be accepted on open questions.",
  INSUFFICIENT_POINTS: "You do not have enough points.",
  INVALID_POINT_AMOUNT: "The point amount is not valid.",
  CANNOT_LIKE_OWN: "You cannot like your own post.",
  INVALID_EMAIL: "Enter a valid e-mail address.",
  NICKNAME_LENGTH: "The nickname must be 1 to 50 characters long.",
  WEAK_PASSWORD: "The password must be 8 to 128 characters long.",
  HOME_REGION_REQUIRED: "Set your home neighbourhood first.",
  NOT_IN_HOME_REGION: "Your current position is not in your home neighbourhood.",
  EMAIL_TAKEN: "This e-mail address is already registered.",
  USER_NOT_FOUND: "The user was not found.",
  NOTIFICATION_NOT_FOUND: "The notification was not found.",
  INVALID_CREDENTIALS: "The e-mail address or the password is not correct.",
  INVALID_CURSOR: "The page information is not valid. Please load the list again from the start.",
  IMAGE_TYPE_UNSUPPORTED: "Only JPEG, PNG and WebP photos can be uploaded.",
  IMAGE_TOO_LARGE: "Photos can be at most 10 MB.",
  IMAGE_TOO_MANY_PIXELS: "The photo's resolution is too high. Please reduce it to 40 megapixels or less.",
  UPLOAD_LIMIT_REACHED: "You have used today's photo uploads. Please try again tomorrow.",
  MEDIA_NOT_FOUND: "The uploaded photo was not found. Please upload it again.",
  MEDIA_NOT_YOURS: "You can only use photos you uploaded yourself.",
  MEDIA_NOT_UPLOADED: "The photo has not arrived yet. Finish the upload and try again.",
  MEDIA_NOT_CONFIRMED: "This photo has not been checked. Please upload it again.",
  MEDIA_ALREADY_ATTACHED: "This photo is already used in another post.",
  INVALID_MEDIA_KEY: "This is not a valid photo key. Please upload the photo again.",
  COMMON_PASSWORD:
    "This password is too common or easy to guess (it is on a list of leaked passwords, or equals your e-mail or nickname). Please choose another.",
  WRONG_PASSWORD: "The current password is not correct.",
  SESSION_NOT_FOUND: "That signed-in device was not found.",
  RATE_LIMITED: "New accounts can post only a few times in a short while.",
  DUPLICATE_POST: "You just posted the same text.",
  TOO_MANY_LINKS: "An answer from a new account can contain only a few links (2 by default).",
  QUESTION_REGION_LOCKED: "A question that has answers keeps its region.",
  QUESTION_HAS_ACCEPTED_ANSWER: "A question with an accepted answer cannot be deleted.",
  NOT_ANSWER_AUTHOR: "Only the person who answered can do this.",
  ACCEPTED_ANSWER_UNDELETABLE: "An accepted answer cannot be deleted.",
  CANNOT_FLAG_OWN_POST: "You cannot flag your own post.",
  ALREADY_FLAGGED: "You have already flagged this post.",
  REVIEW_NOT_FOUND: "This post is not waiting for review.",
  NOT_MODERATOR: "Only moderators can do this.",
  INVALID_BIRTH_YEAR: "Enter a valid year of birth.",
  REQUIRED_CONSENT_MISSING: "You must agree to the terms of service and the privacy policy to register.",
  REQUIRED_CONSENT_WITHDRAWAL: "Required consents cannot be withdrawn. To stop using the service, delete your account.",
  LOCATION_CONSENT_REQUIRED: "Agree to the location-based service terms to use location features.",
  GUARDIAN_CONSENT_REQUIRED: "Under 14, location features need a legal guardian's consent.",
  NOT_ADMIN: "Only administrators can do this.",
  FOLLOW_LIMIT_REACHED: "You can follow at most 50 regions and hashtags. Remove one first.",
  FOLLOW_NOT_FOUND: "This follow was not found.",
  INVALID_WEBHOOK_URL: "A webhook URL must be a public https address, without user name, password or #fragment.",
  WEBHOOK_EXISTS: "A webhook for this region, event and URL exists already.",
  WEBHOOK_NOT_FOUND: "This webhook was not found.",
  INVALID_HASHTAG: "A hashtag must be 1 to 30 characters long.",
  CROSS_SITE_REQUEST: "Requests sent from another site cannot be handled. Please try again on Dongne Ask.",
  IDEMPOTENCY_KEY_REUSED: "This Idempotency-Key was already used for another request. Use a new key for a new request.",
  IDEMPOTENCY_KEY_IN_USE: "A request with the same Idempotency-Key is still being handled. Please send the same request again shortly.",
  INVALID_IDEMPOTENCY_KEY: "Send an Idempotency-Key of 1 to 255 printable ASCII characters (one per request; not on a batch).",
  IDEMPOTENCY_NOT_SUPPORTED: "An Idempotency-Key cannot be used on a request that returns new sign-in credentials or a new secret key.",
  ORIGIN_NOT_ALLOWED: "Requests from this origin are not allowed.",
  INVALID_CHARACTERS: "The text contains characters that cannot be used (control characters or broken characters).",
  INVALID_INPUT: "Please check what you entered.",
  UNAUTHENTICATED: "Please sign in first.",
  INTERNAL: "Something went wrong on our side. Please try again shortly.",
  NOT_FOUND: "The requested operation was not found.",
  METHOD_NOT_SUPPORTED: "This request method cannot be used here: read with GET, change with POST.",
  UNSUPPORTED_MEDIA_TYPE: "Send the request body as JSON (Content-Type: application/json).",
  TEMPORARILY_UNAVAILABLE: "Too many requests arrived at once to handle this one. Please try again shortly.",
  BATCH_TOO_LARGE: `At most ${MAX_BATCH_SIZE} requests can be sent in one batch.`,
  TOO_MANY_STREAMS: "Too many live notification connections are open. Close one in another tab or device and try again.",
  TOO_MANY_REQUESTS: "There are too many requests, or the request is too large. Please try again shortly.",
  PAYLOAD_TOO_LARGE: "There are too many requests, or the request is too large. Please try again shortly.",
};
