import { execFileSync, spawn } from "node:child_process";
import pg from "pg";
import { describe, expect, it } from "vitest";

/**
 * The `unit` project's setup file (test/support/noInfrastructure.ts), seen from a unit test: no service
 * can be reached, by any route. The guard is not imported here, so these pass only when the project wires it.
 */
const refusalsSoFar = async () => (await import("../support/noInfrastructure.js")).takeRefusals();
const refusalOf = (run: () => unknown) => {
  try {
    run();
    return null;
  } catch (e) {
    return e as Error;
  }
};

describe("unit tests run without infrastructure", () => {
  it("refuses a PostgreSQL connection, naming the address and where the test belongs", async () => {
    const client = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5432/postgres" });
    const error = await client.connect().then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.name).toBe("InfrastructureInUnitTest");
    expect(error?.message).toContain("127.0.0.1:5432");
    expect(error?.message).toContain("*.integration.test.ts");
    expect(await refusalsSoFar()).toHaveLength(1);
  });

  it("refuses an HTTP request to the search engine, and records it even when the caller swallows the error", async () => {
    const answered = await fetch("http://127.0.0.1:9200/").then(
      () => true,
      () => false,
    );
    expect(answered).toBe(false);
    expect((await refusalsSoFar()).join("\n")).toContain("127.0.0.1:9200");
  });

  it("refuses to start a database server or a JVM", async () => {
    expect(refusalOf(() => execFileSync("java", ["-version"]))?.name).toBe("InfrastructureInUnitTest");
    expect(refusalOf(() => spawn("/usr/lib/postgresql/15/bin/postgres", ["-D", "/nowhere"]))?.name).toBe("InfrastructureInUnitTest");
    expect(await refusalsSoFar()).toHaveLength(2);
  });

  it("lets other programs run (the layer rules run dependency-cruiser)", async () => {
    expect(execFileSync(process.execPath, ["-e", "process.stdout.write('ok')"], { encoding: "utf8" })).toBe("ok");
    expect(await refusalsSoFar()).toEqual([]);
  });
});
