import { z } from "zod";
import { NOTIFICATION_TYPES } from "../../domain/notification/notification.js";
import { CONSENT_KINDS } from "../../domain/privacy/consent.js";
import { LOCATION_PURPOSES } from "../../domain/privacy/location.js";
import { CATEGORIES } from "../../domain/question/category.js";
import { QUESTION_STATUSES, URGENCIES } from "../../domain/question/question.js";
import { REGION_TYPES } from "../../domain/region/region.js";
import { DELIVERY_STATUSES, WEBHOOK_EVENTS } from "../../domain/webhook/webhook.js";

/**
 * What each procedure answers (the views of ./views.ts), as zod schemas: the OpenAPI document's responses are
 * generated from them (src/app/rest/openapi.ts). Objects are open (a field may be added, never removed); a test
 * (test/app/api-doc.test.ts) parses every procedure's real result and fails on any field missing here.
 */

const id = z.uuid();
const instant = z.iso.datetime();
const counters = z.object({ questions: z.number().int(), answers: z.number().int(), acceptedAnswers: z.number().int() });
const flags = z.record(z.string(), z.boolean());
const point = z.object({ lat: z.number(), lng: z.number() });

const me = z
  .object({
    id,
    email: z.string(),
    nickname: z.string(),
    regionCode: z.string().nullable(),
    verificationLevel: z.number().int().min(0).max(3),
    isLocalVerified: z.boolean(),
    pointBalance: z.number().int(),
    totalEarnedPoints: z.number().int(),
    counters,
    notificationSettings: z.record(z.string(), z.union([z.boolean(), z.string()])),
    privacySettings: flags,
    createdAt: instant,
    lastActiveAt: instant,
  })
  .meta({ id: "Me", description: "The caller's own account." });

const publicUser = z
  .object({
    id,
    nickname: z.string(),
    regionCode: z.string().nullable().describe("null when the user hides their region"),
    verificationLevel: z.number().int().min(0).max(3),
    isLocalVerified: z.boolean().describe("현지인: verification level 2 or more"),
    counters,
    createdAt: instant,
  })
  .meta({ id: "PublicUser", description: "Someone's public profile." });

const webhook = z
  .object({
    id,
    regionCode: z.string().describe("events of questions in this region and every region below it"),
    event: z.enum(WEBHOOK_EVENTS),
    url: z.string(),
    createdBy: id.nullable().describe("the admin who registered it; null once their account is deleted"),
    createdAt: instant,
  })
  .meta({ id: "Webhook", description: "A partner's webhook (never its secret)." });

const region = z
  .object({
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    type: z.enum(REGION_TYPES),
    parentCode: z.string().nullable(),
    center: point,
    codeMois: z.string().nullable(),
  })
  .meta({ id: "Region" });

const imageLink = z
  .object({ key: z.string(), url: z.string(), thumbnailUrl: z.string() })
  .meta({ id: "ImageLink", description: "an attached photo's served versions (WebP display and thumbnail)" });
const imageUrls = z.array(imageLink).describe("the served URLs of `images`, in their order");

const question = z
  .object({
    id,
    authorId: id,
    title: z.string(),
    content: z.string(),
    hashtags: z.array(z.string()),
    regionCode: z.string().nullable(),
    category: z.enum(CATEGORIES),
    categoryLabel: z.string().describe("the category's Korean label"),
    urgency: z.enum(URGENCIES),
    status: z.enum(QUESTION_STATUSES),
    location: z
      .object({
        lat: z.number(),
        lng: z.number(),
        description: z.string().nullable(),
        publicPlace: z.boolean().describe("false: the point is coarsened (~100 m) for everyone but the asker"),
      })
      .nullable(),
    images: z.array(z.string()),
    imageUrls,
    viewCount: z.number().int(),
    likeCount: z.number().int(),
    answerCount: z.number().int(),
    acceptedAnswerId: id.nullable(),
    acceptedAt: instant.nullable(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: "Question" });

const answer = z
  .object({
    id,
    questionId: id,
    authorId: id,
    content: z.string(),
    images: z.array(z.string()),
    imageUrls,
    likeCount: z.number().int(),
    qualityScore: z.number(),
    isAccepted: z.boolean(),
    acceptedAt: instant.nullable(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: "Answer" });

const badge = z
  .object({
    type: z.string(),
    level: z.number().int(),
    name: z.string(),
    description: z.string(),
    maxLevel: z.number().int(),
    earnedAt: instant,
  })
  .meta({ id: "Badge" });

const ledgerEntry = z
  .object({
    id,
    type: z.string(),
    amount: z.number().int(),
    balanceBefore: z.number().int(),
    balanceAfter: z.number().int(),
    reference: z.object({ type: z.string(), id: z.string() }),
    description: z.string(),
    createdAt: instant,
  })
  .meta({ id: "LedgerEntry" });

const notificationSettings = z
  .object({
    kinds: z.record(z.string(), z.boolean()).describe("answers, accepted, badges, urgent, reminders, follows: on unless turned off"),
    quietHours: z
      .object({ start: z.string(), end: z.string() })
      .nullable()
      .describe("HH:MM in Korean time; notices then are stored silently (not pushed), emergencies always pushed"),
    dailyDigest: z.boolean().describe("the 08:00 KST digest of followed regions and hashtags"),
  })
  .meta({ id: "NotificationSettings" });

const follow = z
  .object({
    id,
    kind: z.enum(["region", "hashtag"]),
    target: z.string().describe("a region code, or the normalized hashtag"),
    label: z.string().optional().describe("the region's Korean name, or #tag"),
    createdAt: instant,
    lastNotifiedAt: instant.nullable(),
  })
  .meta({ id: "Follow" });

const notification = z
  .object({
    id,
    type: z.enum(NOTIFICATION_TYPES),
    title: z.string(),
    message: z.string(),
    data: z.record(z.string(), z.unknown()),
    isRead: z.boolean(),
    createdAt: instant,
  })
  .meta({ id: "Notification" });

const session = z
  .object({
    user: me,
    token: z.string().describe("send it as `Authorization: Bearer <token>`"),
    expiresAt: instant,
  })
  .meta({ id: "Session" });

const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe("pass it back as `cursor` for the next page; null on the last"),
  });

const likeCount = z.object({ likeCount: z.number().int() });
const revisions = z.object({
  revisions: z.array(
    z
      .object({
        revision: z.number().int().min(1),
        editorId: id,
        title: z.string().nullable(),
        content: z.string(),
        hashtags: z.array(z.string()),
        regionCode: z.string().nullable(),
        createdAt: instant,
      })
      .meta({ id: "Revision", description: "one version of a post's text; 1 is as first posted" }),
  ),
});
const count = z.object({ count: z.number().int() });
const facet = z.object({ key: z.string(), count: z.number().int() });

const consent = z
  .object({
    kind: z.enum(CONSENT_KINDS),
    granted: z.boolean(),
    version: z.string().nullable().describe("the document's version the decision was made on; null if never decided"),
    recordedAt: instant.nullable(),
  })
  .meta({ id: "Consent" });
const consents = z.object({ consents: z.array(consent) });
const locationUse = z
  .object({
    id: z.string(),
    purpose: z.enum(LOCATION_PURPOSES),
    recipient: z.string().nullable(),
    reference: z.string().nullable(),
    usedAt: instant,
  })
  .meta({ id: "LocationUse", description: "위치정보 이용·제공사실 확인자료: one use of the person's location" });

/** The result of every procedure, by its tRPC name. */
export const OUTPUTS: Readonly<Record<string, z.ZodType>> = {
  "auth.register": session,
  "auth.login": session,
  "auth.logout": z.object({ ok: z.boolean() }),
  "auth.sessions": z.object({
    items: z.array(
      z
        .object({
          id: z.string(),
          current: z.boolean().describe("the session this request came with"),
          userAgent: z.string().nullable(),
          createdAt: instant,
          lastSeenAt: instant,
          expiresAt: instant.describe("the earlier of the idle timeout and the absolute lifetime"),
        })
        .meta({ id: "Device" }),
    ),
  }),
  "auth.revokeSession": z.object({ ok: z.boolean() }),
  "auth.changePassword": z.object({
    token: z.string().describe("the caller's new session: send it as `Authorization: Bearer <token>`"),
    expiresAt: instant,
    otherSessionsEnded: z.number().int().describe("how many other sessions were signed out"),
  }),
  "user.me": me,
  "user.get": publicUser.extend({ badges: z.array(badge) }).meta({ id: "Profile" }),
  "user.verifyLocal": z.object({
    verificationLevel: z.number().int(),
    previousLevel: z.number().int(),
    isLocalVerified: z.boolean(),
    region,
  }),
  "user.consents": consents,
  "user.setConsent": consents,
  "user.locationLog": z.object({ items: z.array(locationUse) }),
  "user.exportData": z
    .object({
      exportedAt: instant,
      profile: me.extend({ birthYear: z.number().int().nullable(), verifiedDays: z.array(z.string()) }),
      questions: z.array(question.extend({ deletedAt: instant.nullable() })),
      answers: z.array(answer.extend({ deletedAt: instant.nullable() })),
      revisions: z
        .array(
          z.object({
            targetType: z.enum(["question", "answer"]),
            targetId: id,
            revision: z.number().int().min(1),
            editorId: id,
            title: z.string().nullable(),
            content: z.string(),
            hashtags: z.array(z.string()),
            regionCode: z.string().nullable(),
            createdAt: instant,
          }),
        )
        .describe("every version of the caller's edited posts (1 is as first posted)"),
      ledger: z.array(ledgerEntry),
      badges: z.array(badge),
      notifications: z.array(notification),
      consents: z.array(consent),
      consentHistory: z.array(consent),
      locationUses: z.array(locationUse),
      notificationSettings,
      follows: z.array(follow),
      sessions: z.array(
        z.object({ id: z.string(), userAgent: z.string().nullable(), createdAt: instant, lastSeenAt: instant, expiresAt: instant }),
      ),
      images: z.array(
        z.object({
          key: z.string(),
          contentType: z.string(),
          size: z.number().int(),
          status: z.string(),
          attachedTo: z.object({ kind: z.string(), id: z.string() }).nullable(),
          createdAt: instant,
          url: z.string().nullable().describe("a signed link to download the image (display version)"),
          thumbnailUrl: z.string().nullable(),
        }),
      ),
      imagesArchive: z.string().describe("GET it with the same credentials: a ZIP of every image (display versions), private, no-store"),
    })
    .meta({ id: "DataExport", description: "everything stored about the caller" }),
  "user.deleteAccount": z.object({
    deletedAt: instant,
    sessionsEnded: z.number().int(),
    questionsKept: z.number().int().describe("questions kept for the community, shown as 탈퇴한 사용자"),
    answersKept: z.number().int(),
    imagesRemoved: z.number().int(),
  }),
  "admin.userData": z.object({
    user: me.extend({ birthYear: z.number().int().nullable(), deletedAt: instant.nullable() }),
    consents: z.array(consent),
  }),
  "region.list": z.object({ regions: z.array(region), attribution: z.string() }),
  "region.locate": region.nullable(),
  "question.ask": question.extend({
    safetyNotice: z
      .object({ ko: z.string(), en: z.string() })
      .nullable()
      .describe("an emergency's 112/119 guidance (Korean, English); null otherwise"),
  }),
  "question.escalation": z.object({
    notified: z
      .number()
      .int()
      .nullable()
      .describe("locals notified so far; null for the caller's own question that is not urgent (anyone else's: QUESTION_NOT_FOUND)"),
  }),
  "region.stats": z.object({
    regionCode: z.string(),
    questionCount: z.number().int().describe("listed questions in the region and its subregions"),
    userCount: z.number().int().describe("users whose region it is (or a subregion)"),
  }),
  "presence.online": z.object({ regionCode: z.string(), online: z.number().int().describe("signed-in users seen in the last 5 minutes") }),
  "presence.typing": z.object({ questionId: z.string(), expiresInSeconds: z.number().int() }),
  "question.get": question
    .extend({
      author: publicUser.nullable(),
      answers: z.array(answer.extend({ author: publicUser.nullable() })),
      typing: z.array(z.string()).describe("nicknames of those typing an answer now (the last 10 s), the caller left out"),
    })
    .meta({ id: "QuestionDetail" }),
  "question.list": page(question),
  "question.nearby": z.object({ items: z.array(question.extend({ distanceKm: z.number() })) }),
  "question.like": likeCount,
  "question.similar": z.object({
    questions: z.array(
      question.extend({
        similarity: z.number().describe("text similarity, 0–1"),
        distanceKm: z.number().nullable(),
        nearDuplicate: z.boolean(),
      }),
    ),
    nearDuplicate: z
      .object({ id, title: z.string(), createdAt: instant })
      .nullable()
      .describe("the same question asked at the same place in the last hours"),
    degraded: z.boolean(),
  }),
  "question.close": question,
  "question.update": question,
  "question.delete": question,
  "question.revisions": revisions,
  "answer.update": answer,
  "answer.delete": answer,
  "answer.revisions": revisions,
  "moderation.flag": z.object({ hidden: z.boolean().describe("whether the post is now hidden pending review") }),
  "moderation.queue": z.object({
    items: z.array(
      z
        .object({
          targetType: z.enum(["question", "answer"]),
          targetId: id,
          questionId: id,
          authorId: id,
          cause: z.enum(["flags", "profanity"]),
          hidden: z.boolean(),
          flagCount: z.number().int(),
          text: z.string(),
          openedAt: instant,
        })
        .meta({ id: "ReviewItem" }),
    ),
    nextCursor: z.string().nullable(),
  }),
  "moderation.resolve": z.object({ resolution: z.enum(["restore", "hide", "delete"]) }),
  "admin.setVerificationLevel": publicUser,
  "webhook.create": webhook.extend({
    secret: z.string().describe("the HMAC-SHA256 key for X-Dongne-Signature: shown only in this response, store it now"),
  }),
  "webhook.list": z.object({ items: z.array(webhook) }),
  "webhook.remove": z.object({ removed: z.literal(true) }),
  "webhook.deliveries": z.object({
    items: z.array(
      z
        .object({
          id: id.describe("also the payload's id and the X-Dongne-Delivery header: receivers deduplicate on it"),
          webhookId: id,
          event: z.enum(WEBHOOK_EVENTS),
          status: z.enum(DELIVERY_STATUSES),
          attempts: z.number().int(),
          lastStatusCode: z.number().int().nullable().describe("the last attempt's HTTP status; null when it got none"),
          lastError: z.string().nullable().describe("why the last attempt got no response (refused address, timeout, reset)"),
          nextAttemptAt: instant.nullable(),
          createdAt: instant,
          deliveredAt: instant.nullable(),
          payload: z.record(z.string(), z.unknown()).describe("the JSON body sent"),
        })
        .meta({ id: "WebhookDelivery" }),
    ),
    nextCursor: z.string().nullable(),
  }),
  "answer.create": answer,
  "answer.accept": z.object({ question, answer, pointsAwarded: z.number().int() }),
  "answer.like": likeCount,
  "media.createUpload": z.object({
    key: z.string().describe("attach it to a question or answer after media.confirm"),
    upload: z.object({
      method: z.literal("PUT"),
      url: z.string(),
      headers: z.record(z.string(), z.string()).describe("send exactly these headers with the bytes"),
      expiresAt: instant,
    }),
  }),
  "media.confirm": z.object({
    key: z.string(),
    status: z.string(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    url: z.string().nullable(),
    thumbnailUrl: z.string().nullable(),
  }),
  "points.balance": z.object({ balance: z.number().int(), totalEarned: z.number().int() }),
  "points.history": page(ledgerEntry),
  "badge.list": z.object({ badges: z.array(badge) }),
  "notification.list": page(notification),
  "notification.unreadCount": count,
  "notification.markRead": count,
  "notification.settings": notificationSettings,
  "notification.updateSettings": notificationSettings,
  "follow.add": follow,
  "follow.remove": z.object({ removed: z.literal(true) }),
  "follow.list": z.object({ items: z.array(follow), max: z.number().int() }),
  "notification.onNew": z
    .discriminatedUnion("kind", [
      z.object({ kind: z.literal("unread"), unreadCount: z.number().int() }),
      z.object({ kind: z.literal("notification"), notification, unreadCount: z.number().int() }),
    ])
    .describe("one SSE event: the unread count when the stream opens, then each notification (SSE id = its id)"),
  "search.questions": z.object({
    hits: z.array(
      question.extend({
        score: z.number(),
        distanceKm: z.number().nullable(),
        highlight: z.object({ title: z.string(), content: z.array(z.string()) }).describe("matches wrapped in <mark>"),
      }),
    ),
    total: z.number().int(),
    typoTolerant: z.boolean(),
    relaxed: z.boolean().describe("few questions matched every term: these match most of them, full matches first"),
    facets: z.object({
      categories: z.array(facet.extend({ label: z.string() })),
      regions: z.array(facet),
      hashtags: z.array(facet),
    }),
    tookMs: z.number(),
    degraded: z.boolean().describe("PostgreSQL answered in the search engine's place"),
  }),
  "search.suggest": z.object({ suggestions: z.array(z.string()), degraded: z.boolean() }),
  "search.trending": z.object({
    range: z.enum(["24h", "7d"]),
    keywords: z.array(
      z.object({
        keyword: z.string().describe("the hashtag, or the category's Korean label"),
        count: z.number().int(),
        type: z.enum(["hashtag", "category"]),
        category: z.enum(CATEGORIES).optional().describe("for a category"),
      }),
    ),
    regions: z
      .array(
        z.object({
          regionCode: z.string(),
          name: z.string().describe("the region's Korean name"),
          questions: z.number().int().describe("questions asked in the region or its subregions in the window"),
        }),
      )
      .optional()
      .describe("the busiest regions, most questions first (a city counts its dongs)"),
    degraded: z.boolean(),
  }),
};
