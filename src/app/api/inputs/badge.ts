import { z } from "zod";
import { id } from "./fields.js";

/** Inputs of the badge operations (tRPC `badge.*`). */
export const badgeInputs = {
  list: z.strictObject({ userId: id }),
};
