import { z } from "zod";
import { id, imageKeys, userText } from "./fields.js";

/** Inputs of the answer operations (tRPC `answer.*`). */
export const answerInputs = {
  create: z.strictObject({ questionId: id, content: userText(5000), images: imageKeys }),
  accept: z.strictObject({ answerId: id }),
  like: z.strictObject({ id }),
  update: z.strictObject({ id, content: userText(5000) }),
  delete: z.strictObject({ id }),
  revisions: z.strictObject({ id }),
};
