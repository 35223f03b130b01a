/**
 * The one SQL form of "listed" (the domain's isListed: not deleted, not hidden). The questions' partial
 * indexes are declared with exactly this predicate, so a query that uses it can use them (a test checks).
 */
export const LISTED = "deleted_at IS NULL AND status <> 'hidden'";

/** LISTED for a table referred to by an alias (`q.deleted_at …`). */
export const listedAs = (alias: string) => `${alias}.deleted_at IS NULL AND ${alias}.status <> 'hidden'`;
