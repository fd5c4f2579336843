// Folds a burst of live events into one call: the first request schedules `work` after `delayMs`, the rest of
// the burst joins it. Used by every live-event handler to refetch once per burst, not once per event.
export const LIVE_REFETCH_DELAY_MS = 250;

export function coalesce(work: () => void, delayMs = LIVE_REFETCH_DELAY_MS): { request(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    request() {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        work();
      }, delayMs);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
