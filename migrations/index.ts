import { Foundation1764400000000 } from './1764400000000-foundation';
import { Plans1764400100000 } from './1764400100000-plans';
import { Assignments1764400200000 } from './1764400200000-assignments';

/** Every migration, oldest first. Add new ones at the end. */
export const MIGRATIONS = [Foundation1764400000000, Plans1764400100000, Assignments1764400200000];
