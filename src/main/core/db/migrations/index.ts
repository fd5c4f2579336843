// Every migration, in order. Add new ones at the end; never edit one that has shipped.
import { Foundation1764201600001 } from './0001-foundation';

export const migrations = [Foundation1764201600001];
