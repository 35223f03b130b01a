import { useState } from "preact/hooks";
import { api, type Failure, failureOf, type Outputs } from "../api.js";
import { useT } from "../i18n.js";
import { useRegions } from "../state.js";
import { ErrorNote, PageMain, QuestionList, regionLabel, Spinner } from "../ui.js";

const RADII = [1, 3, 5, 10, 20] as const;

/** The browser's position, as a promise; the reason in words when it is refused or unavailable. */
export const currentPosition = () =>
  new Promise<{ lat: number; lng: number }>((resolve, reject) => {
    if (!("geolocation" in navigator)) return reject(new Error("unsupported"));
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude }),
      (e) => reject(new Error(e.code === e.PERMISSION_DENIED ? "denied" : "unavailable")),
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 60_000 },
    );
  });

export const NearbyPage = () => {
  const t = useT();
  const regions = useRegions();
  const [radius, setRadius] = useState<number>(5);
  const [state, setState] = useState<{
    loading: boolean;
    error: Failure | null;
    geo: string | null;
    here: Outputs["region"]["locate"] | null;
    items: Outputs["question"]["nearby"]["items"] | null;
  }>({ loading: false, error: null, geo: null, here: null, items: null });
  const find = async (km = radius) => {
    setState((s) => ({ ...s, loading: true, error: null, geo: null }));
    let pos: { lat: number; lng: number };
    try {
      pos = await currentPosition();
    } catch (e) {
      return setState((s) => ({
        ...s,
        loading: false,
        geo: (e as Error).message === "unsupported" ? t("geoUnsupported") : t("geoDenied"),
      }));
    }
    try {
      const [here, nearby] = await Promise.all([
        api.region.locate.query(pos),
        api.question.nearby.query({ ...pos, radiusKm: km, limit: 30 }),
      ]);
      setState({ loading: false, error: null, geo: null, here, items: nearby.items });
    } catch (e) {
      setState((s) => ({ ...s, loading: false, error: failureOf(e) }));
    }
  };
  return (
    <PageMain title={t("nearbyTitle")}>
      <h1>{t("nearbyTitle")}</h1>
      <p class="muted">{t("nearbyHelp")}</p>
      <div class="row">
        <label class="inline" for="nearby-radius">
          {t("radius")}
        </label>
        <select
          id="nearby-radius"
          value={radius}
          onChange={(e) => {
            const km = Number((e.currentTarget as HTMLSelectElement).value);
            setRadius(km);
            if (state.items) void find(km);
          }}
        >
          {RADII.map((r) => (
            <option key={r} value={r}>
              {t("km", { n: r })}
            </option>
          ))}
        </select>
        <button type="button" class="primary" onClick={() => void find()} disabled={state.loading}>
          {t("useLocation")}
        </button>
      </div>
      {state.geo && (
        <p class="error" role="alert">
          {state.geo}
        </p>
      )}
      <ErrorNote error={state.error} retry={() => void find()} />
      {state.loading && <Spinner />}
      {state.here && <p>{t("youAreIn", { name: regionLabel(t.lang, regions.get(state.here.code), state.here.name) })}</p>}
      {state.items && <QuestionList items={state.items} />}
    </PageMain>
  );
};
