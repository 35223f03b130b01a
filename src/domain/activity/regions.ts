import { type RegionCatalog, selfAndAncestors } from "../region/region.js";

/**
 * The regions a question counts in for the busiest regions: its own and each ancestor up to the city (a city
 * counts its dongs). The province and the country hold every question, so they would only repeat the total.
 */
export const activityRegions = (catalog: RegionCatalog, code: string): string[] =>
  selfAndAncestors(catalog, code).filter((c) => {
    const type = catalog.byCode.get(c)?.type;
    return type !== "country" && type !== "province";
  });
