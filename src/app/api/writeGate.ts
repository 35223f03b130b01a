/**
 * One user's writes run a few at a time; the rest wait their turn here, holding no connection and
 * doing no work, so one user's burst cannot crowd everyone else out of the CPU and the write pool.
 * Writes of one user would serialize on that user's row lock anyway. Per process, like read-your-writes.
 */
export const makeWriteGate = (perUser: number) => {
  const lanes = new Map<string, { active: number; waiting: (() => void)[] }>();
  return async <A>(userId: string | null, write: () => Promise<A>): Promise<A> => {
    if (userId === null) return write();
    let lane = lanes.get(userId);
    if (!lane) {
      lane = { active: 0, waiting: [] };
      lanes.set(userId, lane);
    }
    const mine = lane;
    if (mine.active >= perUser) await new Promise<void>((turn) => mine.waiting.push(turn));
    else mine.active++;
    try {
      return await write();
    } finally {
      const next = mine.waiting.shift();
      if (next) next();
      else if (--mine.active === 0) lanes.delete(userId);
    }
  };
};

/** Writes of one user in flight at once, per process. */
export const WRITES_PER_USER = 2;
export const writeGate = makeWriteGate(WRITES_PER_USER);
