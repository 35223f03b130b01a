import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { api } from "./api.js";
import { initialLang, type Lang, LangContext, translate, useT } from "./i18n.js";
import { AskPage } from "./pages/Ask.js";
import { HomePage } from "./pages/Home.js";
import { LoginPage, RegisterPage } from "./pages/Login.js";
import { MePage } from "./pages/Me.js";
import { NearbyPage } from "./pages/Nearby.js";
import { NotificationsPage } from "./pages/Notifications.js";
import { QuestionPage } from "./pages/Question.js";
import { RegionPage, RegionsPage } from "./pages/Regions.js";
import { SearchPage } from "./pages/Search.js";
import type { MapRegion } from "./regionMapData.js";
import { onLinkClick, useLocation } from "./router.js";
import { loadMe, RegionsContext, regionMap, SessionContext, useSession } from "./state.js";
import { PageMain } from "./ui.js";

/**
 * Unread notifications while signed in, pushed over SSE (`notification.onNew`: the count first, then with
 * each new notification). A slow poll stays as a safety net for a stream a proxy cut without an error.
 */
const POLL_MS = 300_000;

const useUnread = (signedIn: boolean) => {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!signedIn) return setCount(0);
    let live = true;
    const poll = () =>
      api.notification.unreadCount
        .query()
        .then((r) => live && setCount(r.count))
        .catch(() => {});
    void poll();
    const stream = api.notification.onNew.subscribe(undefined, {
      onData: (event) => live && setCount("data" in event ? event.data.unreadCount : event.unreadCount),
    });
    const timer = setInterval(() => document.visibilityState === "visible" && void poll(), POLL_MS);
    const onEvent = () => void poll();
    window.addEventListener("notifications-changed", onEvent);
    return () => {
      live = false;
      stream.unsubscribe();
      clearInterval(timer);
      window.removeEventListener("notifications-changed", onEvent);
    };
  }, [signedIn]);
  return count;
};

const Header = ({ path }: { path: string }) => {
  const t = useT();
  const { me } = useSession();
  const unread = useUnread(Boolean(me));
  const item = (href: string, label: string, extra?: ComponentChildren) => (
    <li>
      <a href={href} aria-current={path === href ? "page" : undefined}>
        {label}
        {extra}
      </a>
    </li>
  );
  return (
    <header class="top">
      <div class="bar">
        <a href="/" class="brand">
          {t("brand")}
        </a>
        <LangToggle />
      </div>
      <nav aria-label={t("mainNav")}>
        <ul>
          {item("/", t("navHome"))}
          {item("/regions", t("navRegions"))}
          {item("/search", t("navSearch"))}
          {item("/nearby", t("navNearby"))}
          {item("/ask", t("navAsk"))}
          {me
            ? item(
                "/notifications",
                t("navNotifications"),
                unread > 0 ? (
                  <>
                    <span class="count" aria-hidden="true">
                      {unread}
                    </span>
                    <span class="sr-only">{t("unreadCount", { n: unread })}</span>
                  </>
                ) : null,
              )
            : null}
          {me ? item("/me", t("navMe")) : item("/login", t("navLogin"))}
        </ul>
      </nav>
    </header>
  );
};

const LangToggle = () => {
  const t = useT();
  return (
    <LangContext.Consumer>
      {({ lang, setLang }) => (
        <button
          type="button"
          class="lang"
          lang={lang === "ko" ? "en" : "ko"}
          aria-label={t("langToggleLabel")}
          onClick={() => setLang(lang === "ko" ? "en" : "ko")}
        >
          {t("langToggle")}
        </button>
      )}
    </LangContext.Consumer>
  );
};

const NotFound = () => {
  const t = useT();
  return (
    <PageMain title={t("notFound")}>
      <h1>{t("notFound")}</h1>
      <p>
        <a href="/">{t("goHome")}</a>
      </p>
    </PageMain>
  );
};

const Page = () => {
  const loc = useLocation();
  const route = loc.route;
  // Each page names itself in the tab and to screen readers on navigation.
  useEffect(() => {
    const main = document.getElementById("main");
    main?.focus({ preventScroll: true });
  }, [loc.path]);
  switch (route?.name) {
    case "home":
      return <HomePage />;
    case "regions":
      return <RegionsPage />;
    case "region":
      return <RegionPage code={route.param ?? ""} />;
    case "question":
      return <QuestionPage id={route.param ?? ""} />;
    case "ask":
      return <AskPage />;
    case "search":
      return <SearchPage query={loc.query} />;
    case "nearby":
      return <NearbyPage />;
    case "notifications":
      return <NotificationsPage />;
    case "me":
      return <MePage />;
    case "login":
      return <LoginPage next={loc.query.get("next")} />;
    case "register":
      return <RegisterPage next={loc.query.get("next")} />;
    default:
      return <NotFound />;
  }
};

export const App = () => {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [me, setMe] = useState<Awaited<ReturnType<typeof loadMe>> | undefined>(undefined);
  const [regions, setRegions] = useState<ReadonlyMap<string, MapRegion>>(new Map());
  const loc = useLocation();
  const refresh = async () => setMe(await loadMe().catch(() => null));
  useEffect(() => {
    void refresh();
    regionMap()
      .then((d) => setRegions(new Map(d.regions.map((r) => [r.code, r]))))
      .catch(() => {});
    document.addEventListener("click", onLinkClick);
    return () => document.removeEventListener("click", onLinkClick);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = (l: Lang) => {
    localStorage.setItem("lang", l);
    setLangState(l);
  };
  return (
    <LangContext.Provider value={{ lang, setLang }}>
      <SessionContext.Provider value={{ me, refresh }}>
        <RegionsContext.Provider value={regions}>
          <Header path={loc.path} />
          <Page />
          <footer class="foot">
            <p>{translate(lang, "tagline")}</p>
          </footer>
        </RegionsContext.Provider>
      </SessionContext.Provider>
    </LangContext.Provider>
  );
};
