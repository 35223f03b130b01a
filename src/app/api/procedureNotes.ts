/**
 * What each procedure is for, and the fields its result has at least (the contract: fields are added,
 * never removed). The generator refuses a procedure without a note and a note without a procedure;
 * test/app/api-doc.test.ts calls every procedure and checks the listed fields are there.
 */
export interface ProcedureNote {
  readonly summary: string;
  /** Top-level fields of the result. */
  readonly returns: readonly string[];
  /** The result may be `null` instead. */
  readonly orNull?: true;
}

const QUESTION = ["id", "authorId", "title", "content", "hashtags", "regionCode", "category", "urgency", "status", "createdAt"];
const ANSWER = ["id", "questionId", "authorId", "content", "likeCount", "isAccepted", "createdAt"];
const SESSION = ["user", "token", "expiresAt"];
const PAGE = ["items", "nextCursor"];

export const NOTES: Readonly<Record<string, ProcedureNote>> = {
  "auth.register": {
    summary: "Creates an account (with an optional home region) and signs in: a session token, also set as the session cookie.",
    returns: SESSION,
  },
  "auth.login": { summary: "Signs in with e-mail and password: a new session, also set as the session cookie.", returns: SESSION },
  "auth.logout": { summary: "Ends the current session and clears the cookie.", returns: ["ok"] },
  "auth.sessions": {
    summary:
      "The caller's signed-in devices (live sessions, newest first): when each signed in and was last seen, when it ends, and which is this one.",
    returns: ["items"],
  },
  "auth.revokeSession": {
    summary: "Signs one of the caller's own devices out (`sessionId` from `auth.sessions`); another user's session is `SESSION_NOT_FOUND`.",
    returns: ["ok"],
  },
  "auth.changePassword": {
    summary:
      "Changes the password (the current one is required; the new one follows the registration rules and is not a common password), ends every session and returns a fresh one for the caller, also set as the cookie.",
    returns: ["token", "expiresAt", "otherSessionsEnded"],
  },
  "user.me": {
    summary: "The caller's own account: profile, points, verification level, counters and settings.",
    returns: ["id", "email", "nickname", "regionCode", "verificationLevel", "isLocalVerified", "pointBalance", "counters"],
  },
  "user.get": {
    summary: "Someone's public profile with their badges.",
    returns: ["id", "nickname", "verificationLevel", "isLocalVerified", "counters", "badges"],
  },
  "user.verifyLocal": {
    summary:
      "Checks the caller's current position against their home region; checks on 3 different days within 30 days make a verified local.",
    returns: ["verificationLevel", "previousLevel", "isLocalVerified", "region"],
  },
  "region.list": {
    summary: "Jeju's regions (all, or the children of `parentCode`), with the boundary data's attribution.",
    returns: ["regions", "attribution"],
  },
  "region.stats": {
    summary: "How many listed questions and users a region and its subregions have (counted by PostgreSQL, cached up to 30 minutes).",
    returns: ["regionCode", "questionCount", "userCount"],
  },
  "presence.online": {
    summary: "How many signed-in users were seen in a region (its subregions included) in the last 5 minutes.",
    returns: ["regionCode", "online"],
  },
  "presence.typing": {
    summary: "Marks the caller as typing an answer on a question: `question.get` shows their nickname to others for 10 s.",
    returns: ["questionId", "expiresInSeconds"],
  },
  "region.locate": {
    summary: "The smallest region containing a point, or `null` outside every region.",
    returns: ["code", "name", "nameEn", "type", "parentCode", "center"],
    orNull: true,
  },
  "question.ask": {
    summary: "Posts a question tied to a region, a point on the map, or both; without a category, one is picked from the words.",
    returns: QUESTION,
  },
  "question.get": {
    summary: "A question with its author and answers, and who is typing an answer now (read per request); counts a view.",
    returns: [...QUESTION, "author", "answers", "typing"],
  },
  "question.list": {
    summary: "A page of listed questions, filtered and sorted; pass `nextCursor` back as `cursor` for the next page.",
    returns: PAGE,
  },
  "question.nearby": { summary: "Questions within `radiusKm` of a point, nearest first, each with its `distanceKm`.", returns: ["items"] },
  "question.similar": {
    summary:
      "Similar questions while asking: up to 5 open or answered questions ranked by text similarity, distance and recency, for the ask form to show before posting. `nearDuplicate` names one asked at the same place (within 1 km, or the same region) in the last 6 hours with nearly the same words; asking is never blocked.",
    returns: ["questions", "nearDuplicate", "degraded"],
  },
  "question.like": { summary: "Likes a question, once per person; nobody likes their own.", returns: ["likeCount"] },
  "question.close": { summary: "The asker closes their question.", returns: QUESTION },
  "answer.create": { summary: "Answers an open or answered question.", returns: ANSWER },
  "answer.accept": {
    summary: "The asker accepts one answer of an open question; its author earns the points.",
    returns: ["question", "answer", "pointsAwarded"],
  },
  "answer.like": { summary: "Likes an answer, once per person; nobody likes their own.", returns: ["likeCount"] },
  "points.balance": { summary: "The caller's point balance and all points earned.", returns: ["balance", "totalEarned"] },
  "points.history": { summary: "The caller's point ledger, newest first.", returns: PAGE },
  "badge.list": { summary: "The badges a user has earned.", returns: ["badges"] },
  "notification.list": { summary: "The caller's notifications, newest first.", returns: PAGE },
  "notification.unreadCount": { summary: "How many of the caller's notifications are unread.", returns: ["count"] },
  "notification.markRead": { summary: "Marks the caller's notifications read; returns how many changed.", returns: ["count"] },
  "search.questions": {
    summary: "Korean full-text search with filters, sorts, highlights and facets (see README, *Korean search*).",
    returns: ["hits", "total", "typoTolerant", "relaxed", "facets", "tookMs"],
  },
  "search.suggest": {
    summary: "Title suggestions for what is being typed (also by 초성), optionally within a region.",
    returns: ["suggestions"],
  },
  "search.trending": {
    summary: "The most used hashtags and the busiest categories in the last 24 hours or 7 days.",
    returns: ["range", "keywords"],
  },
  "media.createUpload": {
    summary:
      "Starts an image upload (JPEG, PNG or WebP, at most 10 MB, 50 a day): a key, and a presigned PUT the client sends the bytes to with exactly the given headers (good for 15 minutes).",
    returns: ["key", "upload"],
  },
  "media.confirm": {
    summary:
      "Checks an upload (type by its bytes, size, at most 40 megapixels) and re-encodes it without any metadata: the display and thumbnail URLs. Attaching an unchecked key to a question or answer does the same.",
    returns: ["key", "status", "width", "height", "url", "thumbnailUrl"],
  },
};
