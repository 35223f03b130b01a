import { z } from "zod";
import { pointsHistoryCursor } from "./cursors.js";
import { limit } from "./fields.js";

/** Inputs of the point operations (tRPC `points.*`). */
export const pointsInputs = {
  history: z.strictObject({ cursor: pointsHistoryCursor, limit }).optional(),
};
