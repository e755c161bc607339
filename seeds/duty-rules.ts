/**
 * The default duty map (职责分工) for the 52 departments of seeds/yichun-org-units.json: the words a plan item
 * uses → the department that usually leads or supports that work. Loaded once into `duty_rules` on an empty
 * table; from then on the office and the admin edit it at /api/duty-rules.
 *
 * Weights (per word found; a word in the item's title counts double):
 *   5  the department's own field — it should lead when the item is about this (松材线虫 → 市林业局);
 *   3  a clear share of the work (生物多样性 → 市林业局 next to 市生态环境局);
 *   1–2 a supporting part (资金 → 市财政局, 宣传 → 市委宣传部): enough to be named as support when the
 *      item dwells on it, rarely enough to lead.
 * The words are those the Yichun plan itself uses (seeds/yichun-eco-plan-2021-2025.txt) and those of the
 * same fields in other plans; the city's 生态环境保护责任清单 is the model.
 */
export interface DutyRuleSeed {
  /** org unit code (seeds/yichun-org-units.json) */
  unit: string;
  keywords: string[];
  weight: number;
}

export const DEFAULT_DUTY_RULES: DutyRuleSeed[] = [
  // ---- the environment and resource departments ----
  {
    unit: 'ecology-environment',
    weight: 5,
    keywords: [
      '大气污染', '细颗粒物', '臭氧', '挥发性有机物', '排污许可', '环境影响评价', '生态环境监测', '环境监测', '危险废物',
      '核与辐射', '电磁辐射', '辐射安全', '土壤污染', '地下水', '重金属', '排污口', '环境风险', '突发环境', '生态环境损害',
      '三线一单', '总量控制', '综合执法', '督察', '温室气体', '污染天气', '环境信用', '尾矿', '涉气污染物', '工业废气', '挥发性有机',
      '饮用水水源', '水源保护区', '农村生活污水', '农村黑臭水体', '气候变化', '空气质量', '协同减排', '碳市场', '碳排放权', '环境治理',
      '生态保护监管', '生态环境信息化', '生态环境大数据', '水污染', '主体责任', '环境信息', '生态环境准入', '生态环境损害赔偿', '涉重行业',
    ],
  },
  {
    unit: 'ecology-environment',
    weight: 3,
    keywords: [
      '污染防治', '环境质量', '无废城市', '固体废物', '联防联控', '生态文明示范', '生物多样性', '噪声', '环境管理', '环境监管',
      '碳排放', '水源地', '水生态', '排污权', '土壤', '二氧化碳', '信用', '执法能力', '减排',
    ],
  },
  {
    unit: 'forestry',
    weight: 5,
    keywords: [
      '森林', '湿地', '松材线虫', '碳汇', '造林', '林业', '自然保护地', '自然保护区', '森林公园', '湿地公园', '野生动植物',
      '古树名木', '林长制', '国土绿化', '公益林', '松林', '外来物种', '疫情防控',
    ],
  },
  { unit: 'forestry', weight: 3, keywords: ['生物多样性', '植被', '林地', '珍稀濒危'] },
  { unit: 'ecology-environment', weight: 2, keywords: ['污染', '污染物', '生态环境保护'] },
  {
    unit: 'water-resources',
    weight: 5,
    keywords: [
      '水资源', '水土流失', '生态流量', '水土保持', '河长制', '河湖', '水库', '节水', '用水总量', '用水效率', '节约用水', '水利',
      '采砂', '河道', '水系连通', '清淤', '水利枢纽', '供水工程', '取水',
    ],
  },
  { unit: 'water-resources', weight: 3, keywords: ['供水', '河流', '岸线', '中小河流', '灌溉', '农村饮水'] },
  {
    unit: 'agriculture-rural',
    weight: 5,
    keywords: [
      '畜禽', '粪污', '化肥', '农药', '秸秆', '农膜', '水产养殖', '农用地', '农业面源', '种养结合', '病死动物', '沼气',
      '生态沟渠', '耕地质量', '农业固体废弃物', '养殖', '农村人居环境',
    ],
  },
  { unit: 'agriculture-rural', weight: 3, keywords: ['农业', '农村', '种植', '渔业', '农产品', '休闲农业', '农村生活垃圾'] },
  {
    unit: 'housing-construction',
    weight: 5,
    keywords: [
      '污水处理厂', '管网', '城镇污水', '城镇生活污水', '黑臭水体', '绿色建筑', '建筑节能', '装配式', '海绵城市', '老旧小区',
      '老城区', '美丽宜居', '雨污分流', '污泥', '污水处理', '污水收集',
    ],
  },
  { unit: 'housing-construction', weight: 3, keywords: ['建筑', '施工', '城镇', '生活污水', '污水', '城市供水', '村庄'] },
  {
    unit: 'urban-management',
    weight: 5,
    keywords: ['扬尘', '油烟', '生活垃圾', '餐饮', '渣土', '垃圾分类', '垃圾焚烧', '环卫', '露天焚烧', '垃圾处理', '城市面源'],
  },
  { unit: 'urban-management', weight: 3, keywords: ['垃圾', '市容', '噪声', '建筑垃圾', '城市管理'] },
  {
    unit: 'natural-resources',
    weight: 5,
    keywords: [
      '国土空间', '矿山', '自然资源', '确权登记', '生态修复', '建设用地', '山水林田湖', '地质', '生态保护红线', '资产负债表',
      '绿色矿山', '废弃矿山', '土地整治',
    ],
  },
  { unit: 'natural-resources', weight: 3, keywords: ['耕地', '土地', '矿产', '空间规划', '用地'] },
  {
    unit: 'development-reform',
    weight: 5,
    keywords: [
      '碳达峰', '碳中和', '能源结构', '产业结构', '节能', '循环经济', '生态补偿', '生态保护补偿', '生态产品', '生态产品价值', '价格',
      '低碳试点', '能源', '用能权', '长江经济带', '双控', '天然气', '抽水蓄能', '达峰',
    ],
  },
  { unit: 'development-reform', weight: 3, keywords: ['低碳', '新能源', '绿色发展', '重大项目', '清洁能源', '煤炭', '非化石能源'] },
  { unit: 'development-reform', weight: 2, keywords: ['社会信用'] },
  { unit: 'industry-it', weight: 5, keywords: ['清洁生产', '绿色工厂', '绿色园区', '新能源汽车', '产业集群', '落后产能', '工业固体废物'] },
  { unit: 'industry-it', weight: 3, keywords: ['工业', '工业园区', '锂电', '陶瓷', '制造业'] },
  { unit: 'industry-it', weight: 1, keywords: ['企业', '园区', '行业', '制造', '家具', '建材', '化工', '医药'] },
  {
    unit: 'transport',
    weight: 5,
    keywords: ['交通', '港口', '船舶', '航道', '公路', '运输', '车船', '公交', '码头', '货运', '铁路', '物流'],
  },
  { unit: 'transport', weight: 3, keywords: ['柴油货车', '机动车', '非道路移动机械', '出行'] },
  { unit: 'public-security', weight: 5, keywords: ['机动车', '黑烟车', '环境犯罪', '交通管理', '烟花爆竹', '尾气'] },
  { unit: 'public-security', weight: 2, keywords: ['噪声', '违法', '执法'] },
  { unit: 'commerce', weight: 5, keywords: ['加油站', '油品', '储油库', '再生资源回收', '二手车', '商贸', '外贸'] },
  { unit: 'commerce', weight: 3, keywords: ['绿色消费', '餐饮', '电商', '商场', '流通'] },
  { unit: 'market-regulation', weight: 5, keywords: ['油品质量', '过度包装', '计量', '产品质量', '锅炉', '特种设备', '市场监管', '认证'] },
  { unit: 'market-regulation', weight: 3, keywords: ['标准', '绿色产品', '检验检测', '市场主体'] },
  { unit: 'culture-tourism', weight: 5, keywords: ['旅游', '景区', '风景名胜', '文化', '度假区', '民宿'] },
  { unit: 'culture-tourism', weight: 2, keywords: ['休闲', '广播电视'] },
  { unit: 'health', weight: 5, keywords: ['医疗废物', '医疗机构', '卫生健康', '疾病', '饮用水卫生', '大健康'] },
  { unit: 'health', weight: 3, keywords: ['健康', '医疗', '卫生'] },
  { unit: 'emergency-management', weight: 5, keywords: ['安全生产', '危险化学品', '应急管理', '应急救援', '防灾减灾', '尾矿库'] },
  { unit: 'emergency-management', weight: 3, keywords: ['应急', '事故', '隐患'] },

  // ---- economy, planning and support departments ----
  { unit: 'education-sports', weight: 5, keywords: ['学校', '中小学', '生态文明教育', '课程', '教育体育'] },
  { unit: 'education-sports', weight: 2, keywords: ['教育', '体育'] },
  { unit: 'science-technology', weight: 5, keywords: ['科技', '技术研发', '科研', '科技创新', '成果转化', '技术攻关'] },
  { unit: 'science-technology', weight: 2, keywords: ['技术', '创新', '示范项目'] },
  { unit: 'civil-affairs', weight: 5, keywords: ['殡葬', '社会组织', '公墓', '民政'] },
  { unit: 'civil-affairs', weight: 2, keywords: ['社区', '基层'] },
  { unit: 'justice', weight: 5, keywords: ['法治', '普法', '法律', '立法', '执法监督'] },
  { unit: 'justice', weight: 2, keywords: ['法规', '依法'] },
  { unit: 'finance', weight: 5, keywords: ['财政', '资金', '专项资金', '投入', '政府采购'] },
  { unit: 'finance', weight: 2, keywords: ['补偿', '补贴', '投资'] },
  { unit: 'human-resources', weight: 5, keywords: ['人才', '职业培训', '就业', '人力资源'] },
  { unit: 'human-resources', weight: 2, keywords: ['队伍', '培训'] },
  { unit: 'audit', weight: 5, keywords: ['审计', '离任审计'] },
  { unit: 'audit', weight: 2, keywords: ['自然资源资产'] },
  { unit: 'state-assets', weight: 5, keywords: ['国有企业', '国企', '国有资产', '国有'] },
  { unit: 'statistics', weight: 5, keywords: ['统计'] },
  { unit: 'statistics', weight: 3, keywords: ['核算'] },
  { unit: 'statistics', weight: 2, keywords: ['生产总值', 'GEP', '数据'] },
  { unit: 'administrative-approval', weight: 5, keywords: ['审批', '行政审批', '准入'] },
  { unit: 'administrative-approval', weight: 2, keywords: ['许可', '项目建设'] },
  { unit: 'government-affairs', weight: 5, keywords: ['公共机构', '节约型机关', '机关事务', '公务用车', '绿色办公'] },
  { unit: 'government-affairs', weight: 2, keywords: ['节约'] },
  { unit: 'rural-revitalization', weight: 5, keywords: ['乡村振兴', '脱贫', '巩固拓展'] },
  { unit: 'rural-revitalization', weight: 2, keywords: ['乡村'] },
  { unit: 'local-finance', weight: 5, keywords: ['绿色金融', '两山贷', '地方金融'] },
  { unit: 'local-finance', weight: 3, keywords: ['金融产品', '金融改革'] },
  { unit: 'local-finance', weight: 1, keywords: ['融资', '金融'] },
  { unit: 'big-data', weight: 5, keywords: ['信息化', '数字化', '政务数据'] },
  { unit: 'big-data', weight: 3, keywords: ['大数据', '智慧', '信息共享'] },
  { unit: 'big-data', weight: 1, keywords: ['区块链', '云计算', '物联网', '人工智能', '平台'] },
  { unit: 'supply-marketing', weight: 5, keywords: ['供销', '农资', '农药包装', '废旧农膜', '回收网络'] },
  { unit: 'supply-marketing', weight: 2, keywords: ['再生资源', '回收'] },
  { unit: 'meteorology', weight: 5, keywords: ['气象', '人工影响天气'] },
  { unit: 'meteorology', weight: 3, keywords: ['预警预报', '预报'] },
  { unit: 'meteorology', weight: 3, keywords: ['气候', '天气'] },
  { unit: 'taxation', weight: 5, keywords: ['税务', '税收', '环境保护税', '环保税', '资源税'] },
  { unit: 'taxation', weight: 2, keywords: ['税'] },
  { unit: 'postal', weight: 5, keywords: ['快递', '邮政', '快递包装'] },
  { unit: 'postal', weight: 2, keywords: ['包装'] },
  { unit: 'hydrology', weight: 5, keywords: ['水文', '水质监测', '水位', '水情'] },
  { unit: 'hydrology', weight: 2, keywords: ['断面', '监测站'] },
  { unit: 'power-supply', weight: 5, keywords: ['电网', '电力', '充电桩', '电能替代', '供电', '光伏发电'] },
  { unit: 'power-supply', weight: 2, keywords: ['光伏', '发电', '储能'] },
  { unit: 'central-bank', weight: 5, keywords: ['绿色信贷', '人民银行', '碳减排支持工具', '货币'] },
  { unit: 'central-bank', weight: 2, keywords: ['绿色金融', '信贷'] },
  { unit: 'financial-regulation', weight: 5, keywords: ['保险', '环境污染责任保险', '银行保险', '绿色保险', '银行业'] },
  { unit: 'financial-regulation', weight: 2, keywords: ['绿色信贷', '银行'] },

  // ---- party, people's congress, CPPCC, courts and mass organisations ----
  { unit: 'party-office', weight: 5, keywords: ['党委', '党政同责', '市委'] },
  { unit: 'party-office', weight: 2, keywords: ['领导责任', '组织领导', '一岗双责'] },
  { unit: 'npc-standing-committee', weight: 5, keywords: ['人大', '执法检查', '地方性法规'] },
  { unit: 'npc-standing-committee', weight: 2, keywords: ['立法', '监督'] },
  { unit: 'government-office', weight: 5, keywords: ['督查', '目标责任', '政府办'] },
  { unit: 'government-office', weight: 2, keywords: ['政府'] },
  { unit: 'government-office', weight: 2, keywords: ['组织领导', '考核', '统筹协调'] },
  { unit: 'cppcc', weight: 5, keywords: ['政协', '民主监督', '协商'] },
  { unit: 'cppcc', weight: 2, keywords: ['监督', '建言'] },
  { unit: 'discipline-inspection', weight: 5, keywords: ['追责', '问责', '纪律', '失职', '责任追究'] },
  { unit: 'discipline-inspection', weight: 2, keywords: ['追究', '监督'] },
  { unit: 'organization-dept', weight: 5, keywords: ['干部', '考核评价', '领导干部', '政绩考核', '考核'] },
  { unit: 'organization-dept', weight: 2, keywords: ['队伍建设', '人才队伍'] },
  { unit: 'publicity-dept', weight: 5, keywords: ['宣传', '舆论', '新闻', '宣传引导'] },
  { unit: 'publicity-dept', weight: 2, keywords: ['生态文化', '媒体'] },
  { unit: 'staffing-office', weight: 5, keywords: ['机构改革', '编制', '机构设置'] },
  { unit: 'staffing-office', weight: 2, keywords: ['职能', '队伍建设'] },
  { unit: 'intermediate-court', weight: 5, keywords: ['审判', '法院', '司法保护'] },
  { unit: 'intermediate-court', weight: 2, keywords: ['公益诉讼', '司法'] },
  { unit: 'procuratorate', weight: 5, keywords: ['检察', '公益诉讼'] },
  { unit: 'procuratorate', weight: 2, keywords: ['司法', '生态环境损害赔偿'] },
  { unit: 'trade-union', weight: 5, keywords: ['职工', '工会', '劳动竞赛'] },
  { unit: 'trade-union', weight: 1, keywords: ['节能减排'] },
  { unit: 'youth-league', weight: 5, keywords: ['青少年', '青年', '志愿者', '志愿服务', '共青团'] },
  { unit: 'youth-league', weight: 1, keywords: ['公众参与'] },
  { unit: 'womens-federation', weight: 5, keywords: ['妇女', '绿色家庭', '巾帼', '家庭'] },
  { unit: 'womens-federation', weight: 1, keywords: ['绿色生活'] },
  { unit: 'science-association', weight: 5, keywords: ['科普', '科学普及', '科协'] },
  { unit: 'science-association', weight: 2, keywords: ['宣传教育', '科学'] },
];
