import "../runtimeGuard.js";
import { Exit } from "effect";
import { grantRole } from "../../application/moderation/grantRole.js";
import { isRole } from "../../domain/user/role.js";
import { loadConfig } from "../config.js";
import { makeLogger } from "../logger.js";
import { runTool, toolRuntime } from "./bootstrap.js";

const USAGE = "usage: npm run user:role -- <email> <user|moderator|admin>";

/**
 * Gives an account a role (`npm run user:role -- owner@example.kr admin`): the only way to make the first admin,
 * since granting needs no signed-in admin. Written to the moderation audit log with no actor (the operator).
 */
await runTool(async () => {
  const [email, role, ...rest] = process.argv.slice(2);
  if (!email || !role || rest.length > 0 || !isRole(role)) {
    console.error(USAGE);
    return 2;
  }
  const runtime = toolRuntime(loadConfig(), makeLogger("warn"));
  try {
    const exit = await runtime.runPromiseExit(grantRole(email, role));
    if (Exit.isSuccess(exit)) {
      console.log(`${email} is now ${role} (user ${exit.value.userId}).`);
      return 0;
    }
    const failure = Exit.findErrorOption(exit);
    if (failure._tag === "Some" && (failure.value as { readonly _tag?: unknown })._tag === "UserNotFound") {
      console.error(`No account with the email ${email}.`);
      return 1;
    }
    throw exit.cause;
  } finally {
    await runtime.dispose();
  }
});
