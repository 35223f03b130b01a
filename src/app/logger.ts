import { pino } from "pino";

/**
 * JSON lines on stdout, written asynchronously: lines logged while a write is under way go out together in the
 * next one, so an access line per request is not a system call per request. pino writes what is left when the
 * process exits; a kill -9 loses at most the lines of one write in flight.
 */
export const makeLogger = (level: string) =>
  pino(
    { level, base: { service: "dongne-ask" }, redact: ["req.headers.authorization", "req.headers.cookie", "password"] },
    pino.destination({ dest: 1, sync: false }),
  );
export type Logger = ReturnType<typeof makeLogger>;
