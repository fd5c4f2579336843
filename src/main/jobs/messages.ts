// Starts the outbox worker (which first queues again what a dead process left half-sent) and the team notifier;
// core.close() stops both.
import type { Core } from '../core';

export async function startMessages(core: Core): Promise<void> {
  await core.messages.worker.start();
  core.messages.team.start();
}
