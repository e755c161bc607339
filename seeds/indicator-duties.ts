/**
 * Who reports each of the plan's indicators (表2) by default: the first rule whose word appears in the row's
 * name or scope names the department (a code of seeds/yichun-org-units.json). A plan import gives a new
 * indicator row this default; from then on the office changes it at PUT /api/indicators/:id (audited), and a
 * re-import keeps the office's choice. Rules are tried in order, so the narrower words come first
 * (农村生活污水 before 污水).
 *
 * Yichun's 20 indicators: 1–7 air, surface and ground water, pollutant reductions → 市生态环境局;
 * 8–10 carbon and energy intensity, non-fossil share → 市发展和改革委员会; 11–12 soil (safe use of farmland
 * and building land) → 市生态环境局; 13 radiation accidents and 14 the ecological quality index → 市生态环境局;
 * 15 forest cover → 市林业局; 16 the ecological red line → 市自然资源局; 17 drinking-water sources →
 * 市生态环境局; 18 urban sewage → 市住房和城乡建设局, rural sewage → 市生态环境局; 19 household waste →
 * 市城市管理局; 20 black and odorous urban water → 市住房和城乡建设局.
 */
export interface IndicatorDutySeed {
  /** org unit code */
  unit: string;
  words: string[];
}

export const DEFAULT_INDICATOR_DUTIES: IndicatorDutySeed[] = [
  { unit: 'forestry', words: ['森林覆盖', '森林蓄积', '林地', '湿地保护'] },
  { unit: 'natural-resources', words: ['生态保护红线', '国土', '耕地保有', '自然保护地'] },
  { unit: 'development-reform', words: ['二氧化碳', '能源消耗', '非化石能源', '碳排放', '能耗'] },
  { unit: 'ecology-environment', words: ['农村生活污水', '饮用水'] },
  { unit: 'housing-construction', words: ['生活污水', '污水处理', '黑臭水体'] },
  { unit: 'urban-management', words: ['生活垃圾', '垃圾'] },
  { unit: 'water-resources', words: ['用水总量', '水土保持', '水土流失'] },
  {
    unit: 'ecology-environment',
    words: ['细颗粒物', 'PM2.5', '空气质量', '地表水', '地下水', '污染物', '减排', '安全利用', '辐射', '生态质量', '水体', '臭氧'],
  },
];

/** The default department code for an indicator row, or null when no rule names one. */
export function defaultIndicatorDuty(name: string, scope: string): string | null {
  const text = `${name} ${scope}`;
  return DEFAULT_INDICATOR_DUTIES.find((r) => r.words.some((w) => text.includes(w)))?.unit ?? null;
}
