/**
 * Tables: the plan's indicator table (Yichun's 表2) becomes indicators, one per indicator and scope row;
 * every other table (表1, the last plan's results) is kept as a reference table.
 */
import type { TableBlock } from './assemble';
import type { TableRow } from './scan';
import { parseChineseNumber } from './text';
import type {
  IndicatorComparator,
  IndicatorDirection,
  ParsedIndicator,
  ParsedIndicatorTable,
  ParsedReferenceTable,
  ParseProblem,
} from './types';

export interface TableResult {
  indicators: ParsedIndicator[];
  indicatorTable: ParsedIndicatorTable | null;
  referenceTables: ParsedReferenceTable[];
  problems: ParseProblem[];
}

const DEFAULT_SCOPE = '全市';

function flat(cell: string): string {
  return cell.replace(/\n/g, '').trim();
}

export function isDash(cell: string): boolean {
  return /^[—–\-－─/／]*$/.test(flat(cell));
}

/** "37.0" → 37, "≥65.00" → 65, "93.00左右" → 93, "[19.5]" → 19.5 (brackets mark five-year sums), "—" → null. */
export function parseValue(cell: string): number | null {
  const t = flat(cell)
    .replace(/[[\]［］【】\s]/g, '')
    .replace(/^(≥|≤|>|<|＞|＜|不低于|不高于|约)/, '')
    .replace(/(左右|以上|以下|以内)$/, '');
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : null;
}

/** "细颗粒物（PM2.5）浓度（微克/立方米）" → name + unit; an acronym in brackets ("（EQI）") is not a unit. */
export function splitNameAndUnit(cell: string): { name: string; unit: string } {
  const text = flat(cell);
  const m = /^(.*?)[（(]([^（）()]*)[）)]$/.exec(text);
  const unit = m?.[2]?.trim() ?? '';
  if (!m || unit === '' || /^[A-Za-z0-9.\s]+$/.test(unit)) return { name: text, unit: '' };
  return { name: (m[1] ?? '').trim(), unit };
}

/**
 * Which way the reported value should move against the target: a written bound (≥, <, 不低于) wins;
 * otherwise the 2025 target against the 2020 baseline. With only a five-year cumulative figure
 * ("[0.5]" 万吨 reduced) the value reported is the amount achieved, which must reach it. A target in
 * words ("稳中向好", "完成省下达目标") is judged by people.
 */
export function indicatorDirection(
  name: string,
  baseline: number | null,
  target: number | null,
  targetCell: string,
  cumulativeTarget: number | null,
): IndicatorDirection {
  const t = flat(targetCell);
  if (target === null) return cumulativeTarget === null ? 'judged' : 'higher';
  if (/≥|不低于|不少于|以上/.test(t)) return 'higher';
  if (/≤|<|＜|不高于|不超过|以下|以内/.test(t)) return 'lower';
  if (baseline !== null) {
    if (target > baseline) return 'higher';
    if (target < baseline) return 'lower';
    return 'hold';
  }
  return /降低|减少|下降|浓度|事故|劣|黑臭|超标/.test(name) ? 'lower' : 'higher';
}

/** A bracketed cell ("[19.5]") is a five-year cumulative rise or fall (表2 note 6), never a level. */
export function isBracketed(cell: string): boolean {
  return /^[[［【].*[\]］】]$/.test(flat(cell));
}

/** The bound the 2025 cell writes ("≥", "<", "以上", "以内", "左右"), or '=' for a bare figure, 'judged' for words. */
export function indicatorComparator(targetCell: string, direction: IndicatorDirection): IndicatorComparator {
  const t = flat(targetCell);
  if (direction === 'judged') return 'judged';
  if (/左右|约/.test(t)) return '≈';
  if (/≥|不低于|不少于|以上/.test(t)) return '>=';
  if (/≤|不高于|不超过|以下|以内/.test(t)) return '<=';
  if (/<|＜/.test(t)) return '<';
  if (/>|＞/.test(t)) return '>';
  return '=';
}

function isIndicatorTable(table: TableBlock): boolean {
  const title = table.heading.title;
  if (/完成情况/.test(title)) return false;
  if (/主要指标|指标体系/.test(title)) return true;
  const header = table.rows[0]?.cells.join('|') ?? '';
  return /五年累计/.test(header);
}

function isHeaderRow(row: TableRow): boolean {
  return row.cells.some((c) => /指标属性|基准值|目标值|五年累计/.test(c)) && !/^\d/.test(row.cells[0] ?? '');
}

interface Current {
  number: number;
  name: string;
  unit: string;
}

class IndicatorReader {
  readonly indicators: ParsedIndicator[] = [];
  readonly problems: ParseProblem[] = [];
  private category = '';
  private current: Current | null = null;
  private readonly tableLabel: string;

  constructor(private readonly table: TableBlock) {
    this.tableLabel = `表${table.heading.numberText}`;
  }

  read(): void {
    for (const row of this.table.rows) this.readRow(row);
    this.checkNumbers();
  }

  private readRow(row: TableRow): void {
    if (isHeaderRow(row)) return;
    const first = flat(row.cells[0] ?? '');
    const category = /^（([一二三四五六七八九十]+)）\s*(.+)$/.exec(first);
    if (category && row.cells.length === 1) {
      this.category = (category[2] ?? '').trim();
      return;
    }
    const numbered = /^(\d{1,3})[.．、]\s*(.+)$/.exec(first);
    if (numbered) {
      const { name, unit } = splitNameAndUnit(numbered[2] ?? '');
      this.current = { number: Number(numbered[1]), name, unit };
      this.readScopeRow(row);
      return;
    }
    if (first === '' && this.current) {
      this.readScopeRow(row);
      return;
    }
    this.problems.push({
      line: row.line,
      severity: 'warning',
      message: `${this.tableLabel}第${row.line}行无法识别为指标行（应以“1.”这样的序号开头，或是上一指标的分项），内容：“${row.cells.map(flat).join(' | ').slice(0, 60)}”`,
    });
  }

  /** Cells after the name: [scope,] baseline, 2025 target, five-year cumulative, 约束性/预期性. */
  private readScopeRow(row: TableRow): void {
    const current = this.current as Current;
    const rest = row.cells.slice(1);
    if (rest.length < 4) {
      this.problems.push({
        line: row.line,
        severity: 'error',
        message: `指标${current.number}“${current.name}”（第${row.line}行）只有${rest.length}个数据格，应有基准值、目标值、五年累计和指标属性4格：表格不完整，文件可能被截断`,
      });
      return;
    }
    if (rest.length > 5) {
      this.problems.push({
        line: row.line,
        severity: 'warning',
        message: `指标${current.number}（第${row.line}行）有${rest.length}个数据格，多出的格并入范围一栏`,
      });
    }
    const values = rest.slice(-4);
    const scope = rest.length > 4 ? rest.slice(0, -4).map(flat).join('') : '';
    this.pushIndicator(row, scope, values);
  }

  private pushIndicator(row: TableRow, scope: string, values: string[]): void {
    const current = this.current as Current;
    const [baseCell = '', targetCell = '', cumCell = '', attrCell = ''] = values.map(flat);
    const attr = attrCell;
    if (!/约束|预期/.test(attr)) {
      this.problems.push({
        line: row.line,
        severity: 'warning',
        message: `指标${current.number}的属性“${attr}”无法识别（应为约束性或预期性），按预期性处理`,
      });
    }
    const baseline = isDash(baseCell) || isBracketed(baseCell) ? null : parseValue(baseCell);
    const target = isDash(targetCell) ? null : parseValue(targetCell);
    const cumulativeTarget = isDash(cumCell) ? null : parseValue(cumCell);
    const direction = indicatorDirection(current.name, baseline, target, targetCell, cumulativeTarget);
    this.indicators.push({
      number: current.number,
      category: this.category,
      name: current.name,
      scope: scope || DEFAULT_SCOPE,
      unit: current.unit,
      baseline,
      baselineText: baseCell,
      target,
      cumulativeTarget,
      targetText: isDash(targetCell) ? (isDash(cumCell) ? '' : cumCell) : targetCell,
      cumulativeText: cumCell,
      binding: /约束/.test(attr),
      direction,
      comparator: indicatorComparator(isDash(targetCell) ? '' : targetCell, direction),
      line: row.line,
    });
  }

  /** Indicators are numbered 1, 2, 3 … ; the rows of one indicator share its number. */
  private checkNumbers(): void {
    const firstLine = new Map<number, number>();
    let previous = 0;
    for (const ind of this.indicators) {
      if (ind.number === previous) continue;
      const seen = firstLine.get(ind.number);
      if (seen !== undefined) {
        this.problems.push({
          line: ind.line,
          severity: 'error',
          message: `${this.tableLabel}的指标序号${ind.number}重复（第${seen}行和第${ind.line}行）`,
        });
      } else if (ind.number !== previous + 1) {
        this.problems.push({
          line: ind.line,
          severity: 'warning',
          message: `${this.tableLabel}的指标序号不连续：指标${previous}之后是指标${ind.number}`,
        });
      }
      if (seen === undefined) firstLine.set(ind.number, ind.line);
      previous = ind.number;
    }
  }
}

function referenceTable(table: TableBlock): ParsedReferenceTable {
  return {
    number: parseChineseNumber(table.heading.numberText),
    title: table.heading.title,
    line: table.line,
    rows: table.rows.map((r) => r.cells),
    notes: table.notes,
  };
}

export function readTables(tables: TableBlock[]): TableResult {
  const result: TableResult = { indicators: [], indicatorTable: null, referenceTables: [], problems: [] };
  for (const table of tables) {
    if (result.indicatorTable === null && isIndicatorTable(table)) {
      const reader = new IndicatorReader(table);
      reader.read();
      result.indicators = reader.indicators;
      result.problems.push(...reader.problems);
      result.indicatorTable = { title: table.heading.title, line: table.line, notes: table.notes };
      if (reader.indicators.length === 0) {
        result.problems.push({ line: table.line, severity: 'warning', message: `指标表“${table.heading.title}”中没有读出任何指标` });
      }
    } else {
      result.referenceTables.push(referenceTable(table));
    }
  }
  return result;
}
