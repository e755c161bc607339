export { countParsed, parsePlanDocument, type ParsedCounts } from './parse';
export { YICHUN_GROUP_ABBREVIATIONS } from './units';
export type {
  GroupAbbreviation,
  IndicatorDirection,
  ItemKind,
  Milestone,
  OrgUnitRef,
  ParsedGlossaryTerm,
  ParsedIndicator,
  ParsedIndicatorTable,
  ParsedItem,
  ParsedPlan,
  ParsedPlanMeta,
  ParsedReferenceTable,
  ParsedSubItem,
  ParseOptions,
  ParseProblem,
  ProblemSeverity,
  QuantitativeTarget,
  RecurringPeriod,
  UnitKind,
} from './types';
