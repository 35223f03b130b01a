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
  "user.consents": {
    summary:
      "The caller's consents, one per kind (terms, privacy, location, marketing, guardian), with the version and time of each decision.",
    returns: ["consents"],
  },
  "user.setConsent": {
    summary:
      "Grants or withdraws one consent at the document's current version. Withdrawing location consent destroys the caller's location data at once; required consents cannot be withdrawn (delete the account instead).",
    returns: ["consents"],
  },
  "user.locationLog": {
    summary: "The caller's location-use records (위치정보 이용·제공사실 확인자료), newest first: when, for what, to whom.",
    returns: ["items"],
  },
  "user.exportData": {
    summary:
      "Everything stored about the caller as JSON: profile, questions, answers, ledger, badges, notifications, consents, location records, sessions and images (with download links).",
    returns: ["exportedAt", "profile", "questions", "answers", "ledger", "consents", "locationUses", "sessions", "images"],
  },
  "user.deleteAccount": {
    summary:
      "Deletes the caller's account at once (the password is required): sessions end everywhere, personal data is destroyed, questions and answers stay as 탈퇴한 사용자's.",
    returns: ["deletedAt", "sessionsEnded", "questionsKept", "answersKept", "imagesRemoved"],
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
  "question.escalation": {
    summary:
      "How many verified locals the caller's own urgent or emergency question has notified so far (never who); anyone else's question is QUESTION_NOT_FOUND.",
    returns: ["notified"],
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
  "question.update": {
    summary:
      "The asker edits their question under the ask's rules (a field left out keeps its value; photos stay). A question with answers keeps its region. Each edit is a new revision.",
    returns: QUESTION,
  },
  "question.delete": {
    summary: "Soft-deletes a question: its asker (not once an answer is accepted) or a moderator. Its photos are removed.",
    returns: QUESTION,
  },
  "question.revisions": { summary: "Every version of a question's text, oldest first (1 is as first posted).", returns: ["revisions"] },
  "answer.update": {
    summary: "The answerer edits their answer (the posting rules apply; an accepted answer may be edited, and that is audited).",
    returns: ANSWER,
  },
  "answer.delete": {
    summary: "Soft-deletes an answer: its author (not an accepted one) or a moderator. Its photos are removed.",
    returns: ANSWER,
  },
  "answer.revisions": { summary: "Every version of an answer's text, oldest first.", returns: ["revisions"] },
  "moderation.flag": {
    summary:
      "Flags someone else's question or answer, once per person. The third distinct flag (MODERATION_FLAG_THRESHOLD) hides it pending review and tells its author.",
    returns: ["hidden"],
  },
  "moderation.queue": {
    summary: "Moderators: posts waiting for review (flagged, or caught by the profanity check), oldest first.",
    returns: ["items", "nextCursor"],
  },
  "moderation.resolve": {
    summary: "Moderators: restore, hide or delete a post waiting for review. Audited.",
    returns: ["resolution"],
  },
  "admin.setVerificationLevel": {
    summary: "Admins: sets a user's verification level (3 is granted only this way). Audited.",
    returns: ["id", "verificationLevel"],
  },
  "webhook.create": {
    summary:
      "Admins: registers a partner's https URL for a region's `question.accepted` or `question.urgent` events (a city's webhook hears all its dongs); the signing secret is in this response only. The same region, event and URL twice: `WEBHOOK_EXISTS`.",
    returns: ["id", "regionCode", "event", "url", "secret", "createdAt"],
  },
  "webhook.list": { summary: "Admins: the webhooks in force, oldest first, without their secrets.", returns: ["items"] },
  "webhook.remove": {
    summary: "Admins: removes a webhook; pending deliveries are dropped, the delivery log stays readable.",
    returns: ["removed"],
  },
  "webhook.deliveries": {
    summary:
      "Admins: a webhook's delivery log, newest first: status (pending, delivered, failed), attempts, the last status code or error, the next attempt's time.",
    returns: PAGE,
  },
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
  "notification.markRead": {
    summary: "Marks the caller's notifications read, all or nothing (an id not theirs: NOTIFICATION_NOT_FOUND); returns how many changed.",
    returns: ["count"],
  },
  "notification.settings": {
    summary: "The caller's notification settings: each kind on or off, quiet hours in Korean time, the morning digest.",
    returns: ["kinds", "quietHours", "dailyDigest"],
  },
  "notification.updateSettings": {
    summary:
      "Changes only the given settings; quiet hours `{start, end}` (HH:MM KST, may cross midnight) store notices silently (not pushed), emergencies are always pushed; null turns them off.",
    returns: ["kinds", "quietHours", "dailyDigest"],
  },
  "follow.add": {
    summary: "Follows a region (with its sub-regions) or a hashtag; the same target again returns the same follow; at most 50.",
    returns: ["id", "kind", "target"],
  },
  "follow.remove": { summary: "Removes one of the caller's follows.", returns: ["removed"] },
  "follow.list": { summary: "The caller's follows, oldest first, and the limit.", returns: ["items", "max"] },
  "notification.onNew": {
    summary:
      "Push over SSE (a subscription): first `{kind: unread}`, then each new notification as a tracked event (SSE id = notification id) with the unread count; Last-Event-ID resumes after it; a ping every 15 s; at most 5 streams per user per instance (TOO_MANY_STREAMS).",
    returns: ["kind", "unreadCount"],
  },
  "search.questions": {
    summary: "Korean full-text search with filters, sorts, highlights and facets (see README, *Korean search*).",
    returns: ["hits", "total", "typoTolerant", "relaxed", "facets", "tookMs"],
  },
  "search.suggest": {
    summary: "Title suggestions for what is being typed (also by 초성), optionally within a region.",
    returns: ["suggestions"],
  },
  "search.trending": {
    summary:
      "The most used hashtags, the busiest categories and the busiest regions in the last 24 hours or 7 days (hashtags and regions counted in hourly or 6-hourly buckets, see README, *Trending*).",
    returns: ["range", "keywords", "regions"],
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
  "admin.userData": {
    summary: "An administrator's look at one account and its consents; every call is written to the audit of personal-data reads.",
    returns: ["user", "consents"],
  },
};
