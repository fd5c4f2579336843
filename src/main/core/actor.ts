// Who is acting: a signed-in user or the system itself (jobs, start-up).
import type { Role } from '../../shared/contract';

export interface Actor {
  id: number | null;
  name: string;
  role: Role | 'system';
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system', role: 'system' };
