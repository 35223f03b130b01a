import { createContext } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";
import { api, type Failure, failureOf, type Me } from "./api.js";
import type { MapRegion, RegionMapData } from "./regionMapData.js";

/** Who is signed in (null: nobody; undefined: not known yet), and a way to re-read it after signing in or out. */
export const SessionContext = createContext<{ me: Me | null | undefined; refresh: () => Promise<void> }>({
  me: undefined,
  refresh: async () => {},
});
export const useSession = () => useContext(SessionContext);

export const loadMe = async (): Promise<Me | null> => {
  try {
    return await api.user.me.query();
  } catch (e) {
    if (failureOf(e).code === "UNAUTHENTICATED") return null;
    throw e;
  }
};

/** The map the build drew from assets/regions, linked from the page's script element. */
let mapData: Promise<RegionMapData> | null = null;
export const regionMap = () => {
  const src = document.querySelector<HTMLScriptElement>("script[data-region-map]")?.dataset.regionMap ?? "";
  mapData ??= fetch(src).then((r) => {
    if (!r.ok) throw new Error(`region map: ${r.status}`);
    return r.json() as Promise<RegionMapData>;
  });
  mapData.catch(() => {
    mapData = null;
  });
  return mapData;
};

export const RegionsContext = createContext<ReadonlyMap<string, MapRegion>>(new Map());
export const useRegions = () => useContext(RegionsContext);

/** A value loaded by `load` whenever `deps` change: { data, error, loading, reload }. */
export const useLoad = <T>(load: () => Promise<T>, deps: readonly unknown[]) => {
  const [state, setState] = useState<{ data: T | undefined; error: Failure | null; loading: boolean }>({
    data: undefined,
    error: null,
    loading: true,
  });
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (e: unknown) => live && setState({ data: undefined, error: failureOf(e), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, nonce]);
  return { ...state, reload: () => setNonce((n) => n + 1), set: (data: T) => setState({ data, error: null, loading: false }) };
};

/** Where "my region" comes from: the account's home region, else what this browser last chose. */
export const chosenRegion = (me: Me | null | undefined) => me?.regionCode ?? localStorage.getItem("region") ?? null;
export const rememberRegion = (code: string | null) => (code ? localStorage.setItem("region", code) : localStorage.removeItem("region"));
