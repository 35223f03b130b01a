import { dictionary } from "@zxcvbn-ts/language-common";
import { Layer } from "effect";
import { CommonPasswords } from "../../application/ports/CommonPasswords.js";

/**
 * zxcvbn-ts's common-password dictionary (~49,000 passwords from leaked sets, lower case; MIT), held as a
 * set: a lookup costs nothing next to the hash.
 */
export const ZxcvbnCommonPasswords = Layer.sync(CommonPasswords, () => {
  const list = new Set<string>(dictionary["passwords-common"] as readonly string[]);
  return { has: (candidate) => list.has(candidate) };
});
