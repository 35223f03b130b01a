import { describe, expect, expectTypeOf, it } from "vitest";
import { type RowOf, statement, table } from "../../src/adapters/postgres/columns.js";

interface Place {
  readonly id: string;
  readonly name: string;
  readonly at: { readonly lat: number; readonly lng: number } | null;
  readonly visits: number;
}

const PLACES = table<Place>()("places", {
  id: (x) => x.id,
  name: (x) => x.name,
  lat: { value: (x) => x.at?.lat ?? null, cast: "float8" },
  lng: { value: (x) => x.at?.lng ?? null, cast: "float8" },
  pos: { expression: (ref) => `CASE WHEN ${ref("lat")} IS NULL THEN NULL ELSE ll_to_earth(${ref("lat")}, ${ref("lng")}) END` },
  rank: { value: (x) => x.visits * 2, read: false },
});

const place: Place = { id: "p1", name: "애월 카페", at: { lat: 33.46, lng: 126.31 }, visits: 3 };

describe("a table's column map", () => {
  it("reads back the parameter columns only: not the write-only ones, not the computed ones", () => {
    expect(PLACES.select).toBe("id, name, lat, lng");
    expect(PLACES.selectAs("p")).toBe("p.id, p.name, p.lat, p.lng");
    // The row type pg's rows are read as: the same columns, with the values that were written.
    expectTypeOf<RowOf<typeof PLACES>>().toEqualTypeOf<{ id: string; name: string; lat: number | null; lng: number | null }>();
  });

  it("inserts every column, each parameter once even where an expression refers to it again", () => {
    const [text, values] = statement((p) => PLACES.insert(place, p));
    expect(text).toBe(
      "INSERT INTO places (id, name, lat, lng, pos, rank) VALUES ($1, $2, $3::float8, $4::float8, " +
        "CASE WHEN $3::float8 IS NULL THEN NULL ELSE ll_to_earth($3::float8, $4::float8) END, $5)",
    );
    expect(values).toEqual(["p1", "애월 카페", 33.46, 126.31, 6]);
  });

  it("sets only the chosen columns, numbering on from the statement's other parameters", () => {
    const [text, values] = statement((p) => `UPDATE places SET ${PLACES.set(place, ["name", "rank"], p)} WHERE id = ${p(place.id)}`);
    expect(text).toBe("UPDATE places SET name = $1, rank = $2 WHERE id = $3");
    expect(values).toEqual(["애월 카페", 6, "p1"]);
  });

  it("refuses an expression that refers to an undeclared column", () => {
    const broken = table<Place>()("places", { id: (x) => x.id, pos: { expression: (ref) => ref("lat") } });
    expect(() => statement((p) => broken.insert(place, p))).toThrow("places.lat is not declared");
  });
});
