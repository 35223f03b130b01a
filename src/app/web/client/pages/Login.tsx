import { useState } from "preact/hooks";
import { api, type Failure, failureOf } from "../api.js";
import { useT } from "../i18n.js";
import { navigate } from "../router.js";
import { useRegions, useSession } from "../state.js";
import { ErrorNote, PageMain, RegionOptions, TextField } from "../ui.js";

/** Only a path inside the app may be where signing in leads back to. */
const safeNext = (next: string | null) => (next?.startsWith("/") && !next.startsWith("//") ? next : "/");

const useSubmit = (next: string | null) => {
  const { refresh } = useSession();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (work: () => Promise<unknown>) => (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    work()
      .then(refresh)
      .then(
        () => navigate(safeNext(next)),
        (err: unknown) => {
          setFailure(failureOf(err));
          setBusy(false);
        },
      );
  };
  return { failure, busy, submit };
};

/** E-mail and password, as signing in and signing up both ask for them. */
const Credentials = (p: {
  form: "login" | "reg";
  email: string;
  setEmail: (v: string) => void;
  password: string;
  setPassword: (v: string) => void;
  failure: Failure | null;
}) => {
  const t = useT();
  return (
    <>
      <TextField
        id={`${p.form}-email`}
        label={t("email")}
        type="email"
        value={p.email}
        onInput={p.setEmail}
        autoComplete="email"
        errors={p.failure?.fieldErrors.email}
        required
      />
      <TextField
        id={`${p.form}-password`}
        label={t("password")}
        type="password"
        value={p.password}
        onInput={p.setPassword}
        {...(p.form === "reg" ? { hint: t("passwordHint") } : {})}
        autoComplete={p.form === "reg" ? "new-password" : "current-password"}
        errors={p.failure?.fieldErrors.password}
        required
      />
    </>
  );
};

export const LoginPage = ({ next }: { next: string | null }) => {
  const t = useT();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { failure, busy, submit } = useSubmit(next);
  return (
    <PageMain title={t("loginTitle")} class="narrow">
      <h1>{t("loginTitle")}</h1>
      <form onSubmit={submit(() => api.auth.login.mutate({ email, password }))}>
        <Credentials form="login" email={email} setEmail={setEmail} password={password} setPassword={setPassword} failure={failure} />
        <ErrorNote error={failure} />
        <button type="submit" class="primary" disabled={busy}>
          {t("submitLogin")}
        </button>
      </form>
      <p>
        {t("noAccount")} <a href={`/register${next ? `?next=${encodeURIComponent(next)}` : ""}`}>{t("navRegister")}</a>
      </p>
    </PageMain>
  );
};

export const RegisterPage = ({ next }: { next: string | null }) => {
  const t = useT();
  const regions = useRegions();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [nickname, setNickname] = useState("");
  const [regionCode, setRegionCode] = useState("");
  const [locationConsent, setLocationConsent] = useState(false);
  const { failure, busy, submit } = useSubmit(next);
  const fe = failure?.fieldErrors ?? {};
  return (
    <PageMain title={t("registerTitle")} class="narrow">
      <h1>{t("registerTitle")}</h1>
      <form
        onSubmit={submit(() =>
          api.auth.register.mutate({
            email,
            password,
            nickname,
            ...(regionCode ? { regionCode } : {}),
            // Showing the form is showing the required terms; location is its own, optional consent (위치정보법).
            consents: { terms: true, privacy: true, location: locationConsent },
          }),
        )}
      >
        <Credentials form="reg" email={email} setEmail={setEmail} password={password} setPassword={setPassword} failure={failure} />
        <TextField
          id="reg-nickname"
          label={t("nickname")}
          value={nickname}
          onInput={setNickname}
          max={50}
          autoComplete="nickname"
          errors={fe.nickname}
          required
        />
        <div class="field">
          <label for="reg-region">{t("homeRegion")}</label>
          <select id="reg-region" value={regionCode} onChange={(e) => setRegionCode((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t("noHomeRegion")}</option>
            <RegionOptions regions={regions} />
          </select>
        </div>
        <label class="check">
          <input type="checkbox" checked={locationConsent} onChange={() => setLocationConsent(!locationConsent)} />
          {t("consentLocation")}
        </label>
        <ErrorNote error={failure} />
        <button type="submit" class="primary" disabled={busy}>
          {t("submitRegister")}
        </button>
      </form>
      <p>
        {t("haveAccount")} <a href={`/login${next ? `?next=${encodeURIComponent(next)}` : ""}`}>{t("navLogin")}</a>
      </p>
    </PageMain>
  );
};
