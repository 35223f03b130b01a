import { z } from "zod";
import { login } from "../../../application/account/login.js";
import { logout } from "../../../application/account/logout.js";
import { register } from "../../../application/account/register.js";
import { regionCode, userText } from "../schemas.js";
import { authedProcedure, publicProcedure, router, run } from "../trpc.js";
import { meView } from "../views.js";

export const authRouter = router({
  register: publicProcedure
    .input(
      z.strictObject({
        email: userText(320),
        password: z.string().max(256),
        nickname: userText(100),
        regionCode: regionCode.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { user, session } = await run(ctx, register(input));
      ctx.cookie.set(session.token, session.expiresAt);
      return { user: meView(user), token: session.token, expiresAt: session.expiresAt.toISOString() };
    }),
  login: publicProcedure.input(z.strictObject({ email: userText(320), password: z.string().max(256) })).mutation(async ({ ctx, input }) => {
    const { user, session } = await run(ctx, login(input));
    ctx.cookie.set(session.token, session.expiresAt);
    return { user: meView(user), token: session.token, expiresAt: session.expiresAt.toISOString() };
  }),
  logout: authedProcedure.mutation(async ({ ctx }) => {
    const result = await run(ctx, logout(ctx.token));
    ctx.cookie.clear();
    return result;
  }),
});
