import { Foundation1764400000000 } from './1764400000000-foundation';

/** Every migration, oldest first. Add new ones at the end. */
export const MIGRATIONS = [Foundation1764400000000];
