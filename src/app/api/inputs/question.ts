import { z } from "zod";
import { questionListCursor } from "./cursors.js";
import {
  category,
  id,
  imageKeys,
  lat,
  limit,
  listableStatus,
  lng,
  questionSort,
  radiusKm,
  regionCode,
  urgency,
  userText,
} from "./fields.js";

/** Inputs of the question operations (tRPC `question.*`). */
export const questionInputs = {
  ask: z.strictObject({
    title: userText(1000),
    content: userText(10_000),
    hashtags: z.array(userText(100)).max(20).optional(),
    regionCode: regionCode.optional(),
    category: category.optional(),
    urgency: urgency.optional(),
    location: z
      .strictObject({
        lat,
        lng,
        description: userText(1000).optional(),
        publicPlace: z.boolean().optional().describe("a public place (a beach, a shop): shown exactly; otherwise readers see it to ~100 m"),
      })
      .optional(),
    images: imageKeys,
  }),
  get: z.strictObject({ id }),
  list: z
    .strictObject({
      regionCode: regionCode.optional(),
      category: category.optional(),
      status: listableStatus.optional(),
      authorId: id.optional(),
      sort: questionSort.optional(),
      cursor: questionListCursor,
      limit,
    })
    .optional(),
  nearby: z.strictObject({ lat, lng, radiusKm, limit }),
  like: z.strictObject({ id }),
  close: z.strictObject({ id }),
  update: z.strictObject({
    id,
    title: userText(1000).optional(),
    content: userText(10_000).optional(),
    hashtags: z.array(userText(100)).max(20).optional(),
    regionCode: regionCode.optional(),
    category: category.optional(),
    urgency: urgency.optional(),
    location: z.strictObject({ lat, lng, description: userText(1000).optional() }).optional(),
  }),
  delete: z.strictObject({ id }),
  revisions: z.strictObject({ id }),
  similar: z.strictObject({
    title: userText(1000),
    content: userText(10_000).optional(),
    regionCode: regionCode.optional(),
    location: z.strictObject({ lat, lng }).optional(),
  }),
};
