export * from './enums';
export * from './dates';
export * from './calendar';
export * from './report-machine';
export * from './periods';
export * from './overdue';
export * from './labels';
export * from './light';
