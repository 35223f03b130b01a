import { pino } from "pino";

export const makeLogger = (level: string) =>
  pino({ level, base: { service: "dongne-ask" }, redact: ["req.headers.authorization", "req.headers.cookie", "password"] });
export type Logger = ReturnType<typeof makeLogger>;
