/**
 * An email's age against its queue's promised answer time: when the answer is due, and whether
 * it is late. Counted on the hub's clock from the mail's arrival.
 */
export interface ResponseDue {
  dueAtMs: number;
  /** Positive: time left; negative: how late. */
  leftMs: number;
  overdue: boolean;
  /** Less than a fifth of the promised time left: worth doing next. */
  soon: boolean;
}

export function responseDue(arrivedIso: string, targetMinutes: number, localNowMs: number, serverTimeOffsetMs: number): ResponseDue {
  const targetMs = targetMinutes * 60_000;
  const dueAtMs = Date.parse(arrivedIso) + targetMs;
  const leftMs = dueAtMs - (localNowMs + serverTimeOffsetMs);
  return { dueAtMs, leftMs, overdue: leftMs < 0, soon: leftMs >= 0 && leftMs < targetMs / 5 };
}
