import { login } from "../../../application/account/login.js";
import { logout } from "../../../application/account/logout.js";
import { register } from "../../../application/account/register.js";
import { authInputs } from "../../api/inputs/auth.js";
import { run } from "../../api/run.js";
import { sessionView } from "../../api/views.js";
import { authedProcedure, publicProcedure, router } from "../trpc.js";

export const authRouter = router({
  register: publicProcedure.input(authInputs.register).mutation(async ({ ctx, input }) => {
    const result = await run(ctx, register(input));
    ctx.cookie.set(result.session.token, result.session.expiresAt);
    return sessionView(result);
  }),
  login: publicProcedure.input(authInputs.login).mutation(async ({ ctx, input }) => {
    const result = await run(ctx, login(input));
    ctx.cookie.set(result.session.token, result.session.expiresAt);
    return sessionView(result);
  }),
  logout: authedProcedure.mutation(async ({ ctx }) => {
    const result = await run(ctx, logout(ctx.token));
    ctx.cookie.clear();
    return result;
  }),
});
