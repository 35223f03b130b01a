import { Effect } from "effect";
import { RegionRepository } from "../ports/RegionRepository.js";

/** Children of a region, or every active region when no parent is given. */
export const listRegions = Effect.fn("listRegions")(function* (parentCode?: string) {
  const catalog = yield* (yield* RegionRepository).catalog;
  const all = [...catalog.byCode.values()].filter((r) => r.isActive);
  return parentCode === undefined ? all : all.filter((r) => r.parentCode === parentCode);
});
