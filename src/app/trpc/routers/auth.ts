import { changePassword } from "../../../application/account/changePassword.js";
import { listSessions } from "../../../application/account/listSessions.js";
import { login } from "../../../application/account/login.js";
import { logout } from "../../../application/account/logout.js";
import { register } from "../../../application/account/register.js";
import { revokeSession } from "../../../application/account/revokeSession.js";
import { authInputs } from "../../api/inputs/auth.js";
import { maskedEmail } from "../../api/loginLog.js";
import { ApiFailure, run } from "../../api/run.js";
import { deviceView, sessionView } from "../../api/views.js";
import { authedProcedure, publicProcedure, router } from "../trpc.js";

export const authRouter = router({
  register: publicProcedure.input(authInputs.register).mutation(async ({ ctx, input }) => {
    const result = await run(ctx, register(input, ctx.client));
    ctx.cookie.set(result.session.token, result.session.expiresAt);
    return sessionView(result);
  }),
  login: publicProcedure.input(authInputs.login).mutation(async ({ ctx, input }) => {
    const result = await run(ctx, login(input, ctx.client)).catch((error: unknown) => {
      // Every refused sign-in is logged, without the password and without the whole email.
      if (error instanceof ApiFailure)
        ctx.logger.warn(
          { event: "login_failed", reason: error.entry.code, email: maskedEmail(input.email), address: ctx.client.address },
          "sign-in refused",
        );
      throw error;
    });
    ctx.cookie.set(result.session.token, result.session.expiresAt);
    return sessionView(result);
  }),
  logout: authedProcedure.mutation(async ({ ctx }) => {
    const result = await run(ctx, logout(ctx.token));
    ctx.cookie.clear();
    return result;
  }),
  sessions: authedProcedure.query(async ({ ctx }) => {
    const devices = await run(ctx, listSessions(ctx.userId, ctx.sessionId));
    return { items: devices.map(deviceView) };
  }),
  revokeSession: authedProcedure.input(authInputs.revokeSession).mutation(async ({ ctx, input }) => {
    const result = await run(ctx, revokeSession(ctx.userId, input.sessionId));
    if (input.sessionId === ctx.sessionId) ctx.cookie.clear();
    return result;
  }),
  changePassword: authedProcedure.input(authInputs.changePassword).mutation(async ({ ctx, input }) => {
    const result = await run(ctx, changePassword(ctx.userId, input, ctx.client)).catch((error: unknown) => {
      // The password rules speak of `password`; here the field is `newPassword`.
      if (error instanceof ApiFailure && error.entry.field === "password") throw new ApiFailure({ ...error.entry, field: "newPassword" });
      throw error;
    });
    ctx.cookie.set(result.session.token, result.session.expiresAt);
    return {
      token: result.session.token,
      expiresAt: result.session.expiresAt.toISOString(),
      otherSessionsEnded: result.otherSessionsEnded,
    };
  }),
});
