import { useEffect, useState } from "preact/hooks";
import { api, type Failure, failureOf } from "../api.js";
import { useT } from "../i18n.js";
import { navigate } from "../router.js";
import { useLoad, useRegions, useSession } from "../state.js";
import { ErrorNote, LocalMark, PageMain, regionLabel, Spinner, timeAgo } from "../ui.js";
import { currentPosition } from "./Nearby.js";

/** Points, their history, badges, counters and local verification of the signed-in person. */
export const MePage = () => {
  const t = useT();
  const { me, refresh } = useSession();
  const regions = useRegions();
  const data = useLoad(
    async () =>
      me
        ? await Promise.all([api.points.balance.query(), api.points.history.query({ limit: 20 }), api.badge.list.query({ userId: me.id })])
        : null,
    [me?.id, me?.pointBalance],
  );
  const [verifyError, setVerifyError] = useState<Failure | null>(null);
  const [verifyNote, setVerifyNote] = useState<string | null>(null);
  useEffect(() => {
    if (me === null) navigate("/login?next=%2Fme", { replace: true });
  }, [me]);
  if (me === undefined)
    return (
      <PageMain title={t("meTitle")}>
        <Spinner />
      </PageMain>
    );
  if (me === null) return null;
  const verify = async () => {
    setVerifyError(null);
    setVerifyNote(null);
    try {
      const pos = await currentPosition();
      const r = await api.user.verifyLocal.mutate(pos);
      setVerifyNote(r.isLocalVerified ? t("verified") : t("verificationLevel", { n: r.verificationLevel }));
      await refresh();
    } catch (e) {
      setVerifyError(e instanceof Error && !("data" in e) ? { code: "GEO", message: t("geoDenied"), fieldErrors: {} } : failureOf(e));
    }
  };
  const logout = async () => {
    await api.auth.logout.mutate().catch(() => {});
    await refresh();
    navigate("/");
  };
  const [balance, history, badges] = data.data ?? [null, null, null];
  return (
    <PageMain title={t("meTitle")}>
      <h1>
        {me.nickname} {me.isLocalVerified && <LocalMark />}
      </h1>
      <p class="muted">
        {t("homeRegion")}: {me.regionCode ? regionLabel(t.lang, regions.get(me.regionCode), me.regionCode) : t("noHomeRegion")} ·{" "}
        {t("counters", { q: me.counters.questions, a: me.counters.answers, c: me.counters.acceptedAnswers })}
      </p>
      <ErrorNote error={data.error} retry={data.reload} />
      <section aria-labelledby="points-h" class="panel">
        <h2 id="points-h">{t("points")}</h2>
        <p class="big" data-testid="point-balance">
          {(balance?.balance ?? me.pointBalance).toLocaleString(t.lang)} P
        </p>
        <p class="muted">
          {t("totalEarned")}: {(balance?.totalEarned ?? me.totalEarnedPoints).toLocaleString(t.lang)} P
        </p>
        <h3>{t("pointHistory")}</h3>
        {history ? (
          <ul class="ledger">
            {history.items.map((e) => (
              <li key={e.id}>
                <span>{e.description}</span>
                <span class={e.amount > 0 ? "plus" : "minus"}>
                  {e.amount > 0 ? "+" : ""}
                  {e.amount}
                </span>
                <small>{timeAgo(t.lang, e.createdAt)}</small>
              </li>
            ))}
          </ul>
        ) : (
          <Spinner />
        )}
      </section>
      <section aria-labelledby="badges-h" class="panel">
        <h2 id="badges-h">{t("badges")}</h2>
        {badges &&
          (badges.badges.length === 0 ? (
            <p class="muted">{t("noBadges")}</p>
          ) : (
            <ul class="badges">
              {badges.badges.map((b) => (
                <li key={b.type}>
                  <strong>{b.name}</strong> <span class="muted">{t("level", { n: b.level })}</span>
                  <br />
                  <small>{b.description}</small>
                </li>
              ))}
            </ul>
          ))}
      </section>
      <section aria-labelledby="verify-h" class="panel">
        <h2 id="verify-h">{t("verification")}</h2>
        <p>{me.isLocalVerified ? t("verified") : t("verificationLevel", { n: me.verificationLevel })}</p>
        <p class="muted">{t("verifyHelp")}</p>
        <button type="button" onClick={verify}>
          {t("verifyHere")}
        </button>
        {verifyNote && <p role="status">{verifyNote}</p>}
        <ErrorNote error={verifyError} />
      </section>
      <p>
        <button type="button" onClick={logout}>
          {t("logout")}
        </button>
      </p>
    </PageMain>
  );
};
