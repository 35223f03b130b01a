import { useState } from "preact/hooks";
import { api, type Failure, failureOf, type QuestionDetail } from "../api.js";
import { useT } from "../i18n.js";
import { QuestionImages, SimilarQuestions } from "../seams.js";
import { useLoad, useRegions, useSession } from "../state.js";
import {
  categoryLabel,
  ErrorNote,
  LocalMark,
  PageMain,
  regionHref,
  regionLabel,
  Spinner,
  statusKey,
  TextField,
  timeAgo,
  urgencyKey,
} from "../ui.js";

/** The server rendered this question into the page: start from that, without a second read. */
const initialQuestion = (id: string): QuestionDetail | null => {
  const el = document.getElementById("initial-data");
  if (!el) return null;
  el.remove();
  try {
    const data = JSON.parse(el.textContent ?? "{}") as { question?: QuestionDetail };
    return data.question?.id === id ? data.question : null;
  } catch {
    return null;
  }
};

const Author = ({ author }: { author: QuestionDetail["author"] }) => {
  const t = useT();
  return (
    <span class="author">
      {author?.nickname ?? t("deletedUser")}
      {author?.isLocalVerified && <LocalMark />}
    </span>
  );
};

export const QuestionPage = ({ id }: { id: string }) => {
  const t = useT();
  const { me } = useSession();
  const regions = useRegions();
  const [seeded] = useState(() => initialQuestion(id));
  const loaded = useLoad(async () => (seeded?.id === id ? seeded : await api.question.get.query({ id })), [id]);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [answer, setAnswer] = useState("");
  const [busy, setBusy] = useState(false);
  const q = loaded.data;
  if (loaded.error)
    return (
      <PageMain title={t("notFound")}>
        <ErrorNote error={loaded.error} retry={loaded.reload} />
      </PageMain>
    );
  if (!q)
    return (
      <PageMain title={t("loading")}>
        <Spinner />
      </PageMain>
    );
  const isAsker = me?.id === q.authorId;
  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    setNotice(null);
    try {
      await work();
    } catch (e) {
      setFailure(failureOf(e));
    } finally {
      setBusy(false);
    }
  };
  const reread = async () => loaded.set(await api.question.get.query({ id }));
  const likeQuestion = () =>
    act(async () => {
      const r = await api.question.like.mutate({ id });
      loaded.set({ ...q, likeCount: r.likeCount });
    });
  const likeAnswer = (answerId: string) =>
    act(async () => {
      const r = await api.answer.like.mutate({ id: answerId });
      loaded.set({ ...q, answers: q.answers.map((a) => (a.id === answerId ? { ...a, likeCount: r.likeCount } : a)) });
    });
  const accept = (answerId: string) =>
    act(async () => {
      const r = await api.answer.accept.mutate({ answerId });
      await reread();
      setNotice(t("acceptedToast", { points: r.pointsAwarded }));
    });
  const close = () =>
    act(async () => {
      await api.question.close.mutate({ id });
      await reread();
    });
  const submitAnswer = (e: Event) => {
    e.preventDefault();
    void act(async () => {
      await api.answer.create.mutate({ questionId: id, content: answer });
      setAnswer("");
      await reread();
    });
  };
  const region = regions.get(q.regionCode);
  const answerable = q.status === "open" || q.status === "answered";
  return (
    <PageMain title={q.title} class="question-page">
      <article aria-labelledby="q-title">
        <p class="meta">
          {q.urgency !== "normal" && <span class={`urgency ${q.urgency}`}>{t(urgencyKey(q.urgency))}</span>}
          <span>{categoryLabel(t.lang, q.category)}</span>
          <a href={regionHref(q.regionCode)}>{regionLabel(t.lang, region, q.regionCode)}</a>
          <span class={`status ${q.status}`}>{t(statusKey(q.status))}</span>
        </p>
        <h1 id="q-title">{q.title}</h1>
        <p class="byline">
          <Author author={q.author} /> · <time dateTime={q.createdAt ?? ""}>{timeAgo(t.lang, q.createdAt)}</time> · {t("views")}{" "}
          {q.viewCount}
        </p>
        <div class="text">{q.content}</div>
        {q.location?.description && <p class="muted">📍 {q.location.description}</p>}
        <QuestionImages images={q.images} />
        {q.hashtags.length > 0 && (
          <ul class="chips">
            {q.hashtags.map((h) => (
              <li key={h}>
                <a class="chip" href={`/search?tag=${encodeURIComponent(h)}`}>
                  #{h}
                </a>
              </li>
            ))}
          </ul>
        )}
        <div class="actions">
          <button type="button" onClick={likeQuestion} disabled={busy || !me || isAsker} aria-label={`${t("like")} (${q.likeCount})`}>
            ♥ {t("like")} {q.likeCount}
          </button>
          {isAsker && q.status === "open" && (
            <button type="button" onClick={close} disabled={busy}>
              {t("closeQuestion")}
            </button>
          )}
        </div>
      </article>
      <div aria-live="polite">
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
      </div>
      <ErrorNote error={failure} />
      <section aria-labelledby="answers-h">
        <h2 id="answers-h">
          {t("answers")} {q.answers.length}
        </h2>
        {q.answers.length === 0 && <p class="muted">{t("noAnswers")}</p>}
        <ol class="answers">
          {q.answers.map((a) => (
            <li key={a.id} id={`answer-${a.id}`} class={`answer${a.isAccepted ? " accepted" : ""}`}>
              {a.isAccepted && <p class="accepted-mark">✓ {t("accepted")}</p>}
              <p class="byline">
                <Author author={a.author} /> · <time dateTime={a.createdAt ?? ""}>{timeAgo(t.lang, a.createdAt)}</time>
              </p>
              <div class="text">{a.content}</div>
              <QuestionImages images={a.images} />
              <div class="actions">
                <button
                  type="button"
                  onClick={() => likeAnswer(a.id)}
                  disabled={busy || !me || me.id === a.authorId}
                  aria-label={`${t("like")} (${a.likeCount})`}
                >
                  ♥ {a.likeCount}
                </button>
                {isAsker && q.status === "open" && a.authorId !== me?.id && (
                  <button type="button" class="primary" onClick={() => accept(a.id)} disabled={busy}>
                    {t("accept")}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ol>
      </section>
      {answerable &&
        (me ? (
          <form class="answer-form" onSubmit={submitAnswer}>
            <TextField
              id="answer-content"
              label={t("writeAnswer")}
              multiline
              value={answer}
              onInput={setAnswer}
              min={10}
              max={1000}
              placeholder={t("answerPlaceholder")}
              errors={failure?.fieldErrors.content}
              required
            />
            <button type="submit" class="primary" disabled={busy}>
              {t("submitAnswer")}
            </button>
          </form>
        ) : (
          me === null && (
            <p>
              <a href={`/login?next=${encodeURIComponent(`/q/${id}`)}`}>{t("loginToAnswer")}</a>
            </p>
          )
        ))}
      <SimilarQuestions questionId={q.id} />
    </PageMain>
  );
};
