// Handlers of the RADIUS domain (placeholder until the core lands: every call is refused with CONFLICT).
import { AppError } from '../../shared/errors';
import type { HandlersOf } from './types';

const notYet = (): never => {
  throw new AppError('CONFLICT', 'RADIUS is not available yet');
};

export const radiusHandlers: HandlersOf<'radius'> = {
  'radius.credentials.get': notYet,
  'radius.credentials.update': notYet,
  'radius.credentials.resetPassword': notYet,
  'radius.nas.list': notYet,
  'radius.nas.create': notYet,
  'radius.nas.update': notYet,
  'radius.nas.delete': notYet,
  'radius.sessions.list': notYet,
  'radius.sessions.disconnect': notYet,
  'radius.rejects.list': notYet,
  'radius.authorize': notYet,
  'radius.authenticate': notYet,
  'radius.accounting': notYet,
  'radius.postAuth': notYet,
};
