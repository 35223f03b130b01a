import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { metricsAccess } from "../../src/app/http/metricsAccess.js";
import { proceduresOf } from "../../src/app/http/requestLog.js";

const req = (authorization?: string) => ({ headers: authorization ? { authorization } : {} }) as IncomingMessage;

describe("/metrics access", () => {
  const token = "a-long-enough-metrics-token";
  it("wants the bearer token on the API port", () => {
    const access = metricsAccess({ token, separatePort: false });
    expect(access(req())).toBe("deny");
    expect(access(req("Bearer wrong-token-of-the-same-len"))).toBe("deny");
    expect(access(req(`Bearer ${token}`))).toBe("allow");
    expect(access(req(`bearer ${token}`))).toBe("allow");
  });
  it("is not on the API port at all with METRICS_PORT", () => {
    expect(metricsAccess({ token, separatePort: true })(req(`Bearer ${token}`))).toBe("elsewhere");
  });
});

describe("request labels", () => {
  const known = new Set(["question.get", "region.list"]);
  it("name each procedure of a batch, and bound what they do not know", () => {
    expect(proceduresOf("/trpc/question.get,region.list", known)).toEqual(["question.get", "region.list"]);
    expect(proceduresOf("/trpc/../../etc", known)).toEqual(["unknown"]);
    expect(proceduresOf("/readyz", known)).toEqual(["/readyz"]);
    expect(proceduresOf("/wp-admin", known)).toEqual(["other"]);
  });
});
