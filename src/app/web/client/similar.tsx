import { useEffect, useState } from "preact/hooks";
import { questionPath } from "../routes.js";
import { api, type Outputs } from "./api.js";
import { useT } from "./i18n.js";
import { similarWorthAsking } from "./similarDraft.js";
import { QuestionList } from "./ui.js";

type Similar = Outputs["question"]["similar"];

/** Shown at most: a short list the person can scan while typing. */
const SHOWN = 5;
const DEBOUNCE_MS = 400;

interface Query {
  readonly title: string;
  readonly content?: string;
  readonly regionCode?: string;
  readonly location?: { readonly lat: number; readonly lng: number };
}

/** Asks question.similar for `query` (null: nothing), `delay` ms after the last change; a late answer to an older query is dropped. */
const useSimilar = (query: Query | null, delay: number) => {
  const [result, setResult] = useState<Similar | null>(null);
  const key = query ? JSON.stringify(query) : "";
  useEffect(() => {
    if (!query) {
      setResult(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      api.question.similar.query(query).then(
        (r) => live && setResult(r),
        // Suggestions are a help, never a gate: a failed read just shows none.
        () => live && setResult(null),
      );
    }, delay);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);
  return result;
};

/** Under the ask form's title: questions like the one being typed, and a notice when it was just asked at the same place. */
export const SimilarWhileAsking = (props: Query) => {
  const t = useT();
  const worth = similarWorthAsking(props.title);
  const result = useSimilar(worth ? props : null, DEBOUNCE_MS);
  const shown = worth ? (result?.questions.slice(0, SHOWN) ?? []) : [];
  const dup = worth ? result?.nearDuplicate : null;
  return (
    <section class="similar" aria-labelledby="similar-ask-h" aria-live="polite" hidden={shown.length === 0 && !dup}>
      {dup && (
        <p class="notice warn" role="status">
          {t("nearDuplicate")} <a href={questionPath(dup.id)}>{dup.title}</a> {t("nearDuplicateHint")}
        </p>
      )}
      {shown.length > 0 && (
        <>
          <h2 id="similar-ask-h" class="small-h">
            {t("similarWhileAsking")}
          </h2>
          <QuestionList items={shown} />
        </>
      )}
    </section>
  );
};

/** On a question page: other questions like this one. */
export const SimilarQuestions = ({ id, title, content, regionCode }: Query & { readonly id: string }) => {
  const t = useT();
  const result = useSimilar({ title, ...(content ? { content } : {}), ...(regionCode ? { regionCode } : {}) }, 0);
  const shown = result?.questions.filter((q) => q.id !== id).slice(0, SHOWN) ?? [];
  if (shown.length === 0) return null;
  return (
    <section class="similar" aria-labelledby="similar-h">
      <h2 id="similar-h">{t("similarQuestions")}</h2>
      <QuestionList items={shown} />
    </section>
  );
};
