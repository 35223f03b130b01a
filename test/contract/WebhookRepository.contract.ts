import { Effect } from "effect";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UnitOfWork } from "../../src/application/ports/UnitOfWork.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { WebhookRepository } from "../../src/application/ports/WebhookRepository.js";
import type { Webhook, WebhookDelivery } from "../../src/domain/webhook/webhook.js";
import { T0 } from "../support/builders.js";
import { userN, uuid } from "./fixtures.js";
import type { Harness, HarnessFactory } from "./harness.js";

const MIN = 60_000;
const at = (minutes: number) => new Date(T0.getTime() + minutes * MIN);

/** Webhooks by region and event, removal, the delivery log newest first, attempts on pending deliveries only. */
export const webhookRepositoryContract = (name: string, makeHarness: HarnessFactory) =>
  describe(`WebhookRepository contract: ${name}`, () => {
    let h: Harness;
    const admin = userN(1);
    const hook = (n: number, over: Partial<Webhook> = {}): Webhook => ({
      id: uuid(n, 6),
      regionCode: "KR-49-01",
      event: "question.urgent",
      url: `https://partner${n}.example.kr/hooks`,
      secret: `whsec_${String(n).padStart(64, "0")}`,
      createdBy: admin.id,
      createdAt: at(n),
      removedAt: null,
      ...over,
    });
    const delivery = (n: number, webhookId: string, over: Partial<WebhookDelivery> = {}): WebhookDelivery => ({
      id: uuid(n, 7),
      webhookId,
      event: "question.urgent",
      payload: {
        id: uuid(n, 7),
        event: "question.urgent",
        occurredAt: at(n).toISOString(),
        question: { id: uuid(n, 2), title: "애월 해안도로 사고", regionCode: "KR-49-01-02", urgency: "emergency", url: null },
      },
      status: "pending",
      attempts: 0,
      lastStatusCode: null,
      lastError: null,
      nextAttemptAt: null,
      createdAt: at(n),
      deliveredAt: null,
      ...over,
    });
    beforeEach(async () => {
      h = await makeHarness();
      await h.run(UserRepository.use((r) => r.insert(admin)));
    });
    afterEach(() => h.dispose());
    const run = <A>(f: (r: WebhookRepository["Service"]) => Effect.Effect<A>) => h.run(WebhookRepository.use(f));

    it("stores webhooks, lists the live ones oldest first, and matches by event and region codes", async () => {
      const city = hook(1);
      const dong = hook(2, { regionCode: "KR-49-01-02" });
      const accepted = hook(3, { event: "question.accepted" });
      const seogwipo = hook(4, { regionCode: "KR-49-02" });
      await run((r) => Effect.forEach([seogwipo, accepted, dong, city], (w) => r.insert(w)));
      expect(await run((r) => r.findById(city.id))).toEqual(city);
      expect(await run((r) => r.findById(uuid(99, 6)))).toBeUndefined();
      expect((await run((r) => r.list)).map((w) => w.id)).toEqual([city.id, dong.id, accepted.id, seogwipo.id]);
      const codes = ["KR-49-01-02", "KR-49-01", "KR-49"];
      expect((await run((r) => r.matching("question.urgent", codes))).map((w) => w.id)).toEqual([city.id, dong.id]);
      expect((await run((r) => r.matching("question.accepted", codes))).map((w) => w.id)).toEqual([accepted.id]);
      expect(await run((r) => r.matching("question.urgent", []))).toEqual([]);
    });

    it("refuses a second live webhook with the same region, event and URL; after removal it may be added again", async () => {
      const w = hook(1);
      expect(await run((r) => r.insert(w))).toBe(true);
      expect(await run((r) => r.insert(hook(2, { url: w.url })))).toBe(false);
      expect(await run((r) => r.insert(hook(3, { url: w.url, event: "question.accepted" })))).toBe(true);
      expect(await run((r) => r.insert(hook(4, { url: w.url, regionCode: "KR-49-02" })))).toBe(true);
      await run((r) => r.remove(w.id, at(10)));
      expect(await run((r) => r.insert(hook(5, { url: w.url })))).toBe(true);
      expect((await run((r) => r.list)).map((x) => x.id)).toEqual([hook(3).id, hook(4).id, hook(5).id]);
    });

    it("removes a webhook once: it is no longer listed or matched, but is still found", async () => {
      const w = hook(1);
      await run((r) => r.insert(w));
      expect(await run((r) => r.remove(w.id, at(10)))).toBe(true);
      expect(await run((r) => r.remove(w.id, at(11)))).toBe(false);
      expect(await run((r) => r.remove(uuid(99, 6), at(11)))).toBe(false);
      expect(await run((r) => r.list)).toEqual([]);
      expect(await run((r) => r.matching("question.urgent", ["KR-49-01"]))).toEqual([]);
      expect((await run((r) => r.findById(w.id)))?.removedAt).toEqual(at(10));
    });

    it("keeps deliveries with their payload, pages them newest first, and updates only pending ones", async () => {
      const w = hook(1);
      const other = hook(2);
      await run((r) => Effect.forEach([w, other], (x) => r.insert(x)));
      const ds = [1, 2, 3, 4].map((n) => delivery(n, w.id));
      await run((r) => r.insertDeliveries([...ds, delivery(5, other.id)]));
      await run((r) => r.insertDeliveries([]));
      expect(await run((r) => r.findDelivery(ds[0]!.id))).toEqual(ds[0]);
      const first = await run((r) => r.deliveries(w.id, 3));
      expect(first.map((d) => d.id)).toEqual([ds[3]!.id, ds[2]!.id, ds[1]!.id]);
      const last = first.at(-1)!;
      expect((await run((r) => r.deliveries(w.id, 3, { createdAt: last.createdAt, id: last.id }))).map((d) => d.id)).toEqual([ds[0]!.id]);

      const failedOnce = {
        status: "pending",
        attempts: 1,
        lastStatusCode: 500,
        lastError: null,
        nextAttemptAt: at(20),
        deliveredAt: null,
      } as const;
      expect(await run((r) => r.updateDelivery(ds[0]!.id, failedOnce))).toBe(true);
      expect(await run((r) => r.findDelivery(ds[0]!.id))).toEqual({ ...ds[0], ...failedOnce });
      const done = {
        status: "delivered",
        attempts: 2,
        lastStatusCode: 204,
        lastError: null,
        nextAttemptAt: null,
        deliveredAt: at(21),
      } as const;
      expect(await run((r) => r.updateDelivery(ds[0]!.id, done))).toBe(true);
      // A duplicate run of the job finds it delivered and changes nothing.
      expect(await run((r) => r.updateDelivery(ds[0]!.id, { ...failedOnce, attempts: 3 }))).toBe(false);
      expect(await run((r) => r.findDelivery(ds[0]!.id))).toEqual({ ...ds[0], ...done });
      expect(await run((r) => r.updateDelivery(uuid(99, 7), done))).toBe(false);
    });

    it("forgets a deleted admin as creator and keeps the webhook", async () => {
      await run((r) => Effect.forEach([hook(1), hook(2, { createdBy: null })], (w) => r.insert(w)));
      expect(await run((r) => r.forgetCreator(admin.id))).toBe(1);
      expect((await run((r) => r.findById(hook(1).id)))?.createdBy).toBeNull();
      expect(await run((r) => r.list)).toHaveLength(2);
    });

    it("a unit of work that fails leaves no deliveries", async () => {
      const w = hook(1);
      await run((r) => r.insert(w));
      await h.exit(
        UnitOfWork.use((u) =>
          u.transact(
            Effect.gen(function* () {
              yield* (yield* WebhookRepository).insertDeliveries([delivery(1, w.id)]);
              return yield* Effect.fail("boom");
            }),
          ),
        ),
      );
      expect(await run((r) => r.deliveries(w.id, 10))).toEqual([]);
    });
  });
