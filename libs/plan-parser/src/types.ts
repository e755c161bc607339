/**
 * The parser's output: what a plan document says, in the shapes the importer stores.
 * Everything here is plain data (no classes), so it crosses the wire and the browser unchanged.
 */

export type ItemKind = 'chapter' | 'section' | 'measure' | 'column' | 'project' | 'block';

export type UnitKind = 'office' | 'department' | 'county' | 'zone';

export interface Milestone {
  /** YYYY-MM-DD */
  date: string;
  /** the clause that carries the date, e.g. "2023年底前，完成一批……调查评估工作" */
  text: string;
}

export interface RecurringPeriod {
  /** months of every year, in order, e.g. [5,6,7,8,9,10] for "5月—10月"; wraps the year end for "秋冬季" */
  months: number[];
  text: string;
}

export interface QuantitativeTarget {
  /** the clause the number stands in, e.g. "新增造林面积50万亩" */
  text: string;
  value: number;
  /** '万亩', '%', 'km2', '个' …; '' for a plain coefficient such as 0.53 */
  unit: string;
}

/** A numbered sub-item inside a 专栏 project ("1.水环境监测能力建设。……"); also kept in the project's body. */
export interface ParsedSubItem {
  number: string;
  title: string;
  body: string;
  line: number;
}

export interface ParsedItem {
  /** stable within a document: `${kind}:${number}` */
  key: string;
  parentKey: string | null;
  kind: ItemKind;
  /** '6' chapter, '6.1' section, '6.1.2' measure, 'C4' column, 'C4.1' project, '3.1.B1' block */
  number: string;
  title: string;
  body: string;
  /** measures of action chapters, chapter 12's guarantee sections, and projects */
  assignable: boolean;
  /** 1-based line of the heading or of the paragraph's first line */
  line: number;
  milestones: Milestone[];
  periods: RecurringPeriod[];
  targets: QuantitativeTarget[];
  /** codes of the counties and zones the text names (directly, or through a group abbreviation) */
  mentionedUnitCodes: string[];
  /** glossary terms whose footnote explains something this item's text uses */
  glossaryTerms: string[];
  /** the same links, as glossary entry numbers (a term may have several footnotes) */
  footnoteNumbers: number[];
  /** numbered sub-items of a project (empty for every other kind) */
  subItems: ParsedSubItem[];
}

export type IndicatorDirection = 'lower' | 'higher' | 'hold' | 'judged';

/**
 * How the 2025 target is written, which decides how a value is judged: "≥65.00" '>=', "以内"/"≤" '<=', "<1.3" '<',
 * "93.00左右" '≈', a bare figure '=' (reach it: met when at or beyond it in the indicator's direction), words
 * ("稳中向好", "完成省下达目标") 'judged'.
 */
export type IndicatorComparator = '>=' | '>' | '<=' | '<' | '≈' | '=' | 'judged';

export interface ParsedIndicator {
  /** 1..20 */
  number: number;
  category: string;
  name: string;
  /** '全市' or the row's own scope, e.g. '中心城区', '县（市、区）城市' */
  scope: string;
  unit: string;
  /** the 2020 level; null when the cell is a bracketed five-year sum ("[19.5]", kept in baselineText) */
  baseline: number | null;
  baselineText: string;
  target: number | null;
  cumulativeTarget: number | null;
  /** the 2025 target as written; the five-year cumulative cell when the 2025 cell is a dash */
  targetText: string;
  cumulativeText: string;
  /** 约束性 */
  binding: boolean;
  direction: IndicatorDirection;
  comparator: IndicatorComparator;
  line: number;
}

export interface ParsedReferenceTable {
  number: number | null;
  title: string;
  line: number;
  rows: string[][];
  notes: string[];
}

export interface ParsedGlossaryTerm {
  /** 1-based position among the document's footnotes */
  number: number;
  term: string;
  explanation: string;
  itemKeys: string[];
  /** line of the footnote at the end of the document */
  line: number;
  /** the quoted words the footnote reference stood after, e.g. "三屏多廊多斑块" (empty when not found) */
  referenceText: string;
  /** line where the footnote reference broke the sentence (null when not found) */
  referenceLine: number | null;
}

export type ProblemSeverity = 'error' | 'warning';

export interface ParseProblem {
  line: number;
  /** Chinese, says what is wrong and where */
  message: string;
  severity: ProblemSeverity;
}

export interface ParsedPlanMeta {
  title: string;
  /** YYYY-MM-DD */
  periodStart: string;
  periodEnd: string;
  code: string;
  /** the covering notice's date ("2021年12月14日"), YYYY-MM-DD, when there is one */
  issuedOn: string | null;
  /** the covering notice (everything before the plan's title line) */
  notice: string;
  /** the foreword between the title and chapter 1 */
  preface: string;
  /** distribution lines such as "抄送：……" */
  trailer: string;
}

export interface ParsedIndicatorTable {
  title: string;
  line: number;
  notes: string[];
}

export interface ParsedPlan {
  plan: ParsedPlanMeta;
  items: ParsedItem[];
  indicators: ParsedIndicator[];
  /** the indicator table's caption and notes (null when the document has none) */
  indicatorTable: ParsedIndicatorTable | null;
  referenceTables: ParsedReferenceTable[];
  glossary: ParsedGlossaryTerm[];
  problems: ParseProblem[];
}

export interface OrgUnitRef {
  code: string;
  name: string;
  kind: UnitKind;
  aliases: string[];
}

/** A document's own shorthand for several counties, e.g. "丰樟高" = 丰城、樟树、高安. */
export interface GroupAbbreviation {
  abbreviation: string;
  /** names or aliases of the member units, resolved through the org units */
  members: string[];
}

/**
 * A place name that also occurs inside everyday words: "提高安全" is not 高安, "以上高标准" and "上高速" are not
 * 上高 (while "以上高、万载为重点" is). A match right after a character of `notAfter`, or right before one of
 * `notBefore`, is skipped.
 */
export interface AmbiguousName {
  name: string;
  notAfter?: string;
  notBefore?: string;
}

/** The city a plan belongs to: a title starting with `name` gets a plan code starting with `code`. */
export interface PlanPlace {
  name: string;
  code: string;
}

/** What the parser knows of the city: all of it input (the org units and the locality settings), none built in. */
export interface ParseOptions {
  units?: OrgUnitRef[];
  /** overrides the derived plan code */
  code?: string;
  /** the document's shorthand for groups of counties; none when absent */
  groupAbbreviations?: GroupAbbreviation[];
  ambiguousNames?: AmbiguousName[];
  place?: PlanPlace;
}
