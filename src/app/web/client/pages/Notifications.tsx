import { api, failureOf } from "../api.js";
import { useT } from "../i18n.js";
import { useLoad, useSession } from "../state.js";
import { ErrorNote, PageMain, Spinner, timeAgo } from "../ui.js";

/** The signed-in person's notifications, newest first; the header's counter polls for new ones. */
export const NotificationsPage = () => {
  const t = useT();
  const { me } = useSession();
  const list = useLoad(() => (me ? api.notification.list.query({ limit: 50 }) : Promise.resolve(null)), [me?.id]);
  if (me === null)
    return (
      <PageMain title={t("notificationsTitle")}>
        <p>
          <a href="/login?next=%2Fnotifications">{t("navLogin")}</a>
        </p>
      </PageMain>
    );
  const unread = list.data?.items.filter((n) => !n.isRead) ?? [];
  const markAll = async () => {
    if (unread.length === 0 || !list.data) return;
    try {
      await api.notification.markRead.mutate({ ids: unread.map((n) => n.id).slice(0, 100) });
      list.set({ ...list.data, items: list.data.items.map((n) => ({ ...n, isRead: true })) });
      window.dispatchEvent(new Event("notifications-changed"));
    } catch (e) {
      alert(failureOf(e).message);
    }
  };
  const linkOf = (data: unknown) => {
    const id = (data as { questionId?: unknown } | null)?.questionId;
    return typeof id === "string" ? `/q/${id}` : null;
  };
  return (
    <PageMain title={t("notificationsTitle")}>
      <div class="row">
        <h1>{t("notificationsTitle")}</h1>
        <button type="button" onClick={markAll} disabled={unread.length === 0}>
          {t("markAllRead")}
        </button>
      </div>
      <ErrorNote error={list.error} retry={list.reload} />
      {(list.loading || me === undefined) && <Spinner />}
      {list.data && list.data.items.length === 0 && <p class="muted">{t("noNotifications")}</p>}
      <ul class="cards">
        {list.data?.items.map((n) => {
          const href = linkOf(n.data);
          return (
            <li key={n.id} class={`card${n.isRead ? "" : " unread"}`}>
              <p class="meta">
                {!n.isRead && <span class="status open">{t("unread")}</span>}
                <span>{timeAgo(t.lang, n.createdAt)}</span>
              </p>
              <h3>{href ? <a href={href}>{n.title}</a> : n.title}</h3>
              <p>{n.message}</p>
            </li>
          );
        })}
      </ul>
    </PageMain>
  );
};
