/** Whether an event (by its CloudEvents `time`) is recent enough to mail anyone about. */
export const isNews = (time: string, maxAgeMs: number, now = Date.now()) =>
  now - Date.parse(time) <= maxAgeMs;
