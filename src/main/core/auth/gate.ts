// Bounds CPU-heavy password checks: a sign-in takes a place when it arrives, one check runs at a time, a short
// queue waits, and beyond it sign-ins are refused at once, before any database or bcrypt work.
import { AppError } from '../../../shared/errors';

/** bcryptjs runs on the main thread in ~100 ms slices: more than one at once adds latency, not throughput. */
export const PASSWORD_CHECKS_AT_ONCE = 1;
/** At cost 12 (~0.25 s a check) the last in the queue waits about 4 s. */
export const PASSWORD_CHECKS_QUEUED = 16;

/** A place in the gate, held from arrival until `leave` (which may be called more than once). */
export interface GatePass {
  run<T>(work: () => Promise<T>): Promise<T>;
  leave(): void;
}

export class WorkGate {
  private holders = 0;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly atOnce = PASSWORD_CHECKS_AT_ONCE,
    private readonly queued = PASSWORD_CHECKS_QUEUED,
  ) {}

  /** Takes a place, or throws RATE_LIMITED at once when every place is held. */
  enter(): GatePass {
    if (this.holders >= this.atOnce + this.queued) {
      throw new AppError('RATE_LIMITED', 'Too many sign-in attempts at once; try again in a moment', { retryAfterSec: 1 });
    }
    this.holders++;
    let left = false;
    return {
      run: (work) => this.inTurn(work),
      leave: () => {
        if (left) return;
        left = true;
        this.holders--;
      },
    };
  }

  private async inTurn<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.atOnce) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await work();
    } finally {
      // The turn passes straight to the next in line, so `running` never dips and no newcomer jumps the queue.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
