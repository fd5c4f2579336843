// Health of the running process: what a load balancer or a script polls.
import { z } from 'zod';
import { emptyInput, op } from './define';

export const systemOperations = {
  'system.health': op({
    method: 'GET',
    path: '/api/health',
    access: 'public',
    summary: 'Liveness and database check',
    input: emptyInput,
    output: z.object({ status: z.literal('ok'), version: z.string(), uptimeSec: z.number(), database: z.literal('ok') }),
  }),
} as const;
