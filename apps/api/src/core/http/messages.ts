import { HttpException } from '@nestjs/common';
import { ESCALATION_KINDS, fieldLabel, LABELS, type EscalationKind, type Labels, type Language } from '@duban/domain';

/**
 * The API's error messages, Chinese and English: one entry per message. `{field}` is a field path, rendered with the
 * console's label for it (libs/domain field-labels); other `{name}`s are filled in as given. The validation entries
 * are keyed by class-validator's own constraint names (`isString`, `maxLength`…), with `constraint:property` for a
 * field whose rule needs its own words. AllExceptionsFilter is the one place that turns them into text.
 */
export const MESSAGES = {
  // class-validator constraints ({0}, {1}: the decorator's arguments)
  isString: { zh: '{field}必须是文字', en: '{field} must be text' },
  isInt: { zh: '{field}必须是整数', en: '{field} must be a whole number' },
  isNumber: { zh: '{field}必须是有限的数字', en: '{field} must be a finite number' },
  isBoolean: { zh: '{field}必须是 true 或 false', en: '{field} must be true or false' },
  isArray: { zh: '{field}必须是数组', en: '{field} must be a list' },
  isObject: { zh: '{field}必须是对象', en: '{field} must be an object' },
  nestedValidation: { zh: '{field}必须是对象', en: '{field} must be an object' },
  isUuid: { zh: '{field}必须是 UUID', en: '{field} must be a UUID' },
  isEmail: { zh: '{field}不是有效的电子邮箱地址', en: '{field} is not a valid e-mail address' },
  isDateString: { zh: '{field}必须是 ISO-8601 时间', en: '{field} must be an ISO-8601 instant' },
  isDateOnly: { zh: '{field}必须是真实存在的日期，格式 YYYY-MM-DD', en: '{field} must be a real date written YYYY-MM-DD' },
  isIn: { zh: '{field}只能是 {0}', en: '{field} must be one of {0}' },
  min: { zh: '{field}不能小于 {0}', en: '{field} must not be less than {0}' },
  max: { zh: '{field}不能大于 {0}', en: '{field} must not be greater than {0}' },
  minLength: { zh: '{field}至少 {0} 个字符', en: '{field} must have at least {0} characters' },
  maxLength: { zh: '{field}不能超过 {0} 个字符', en: '{field} must have at most {0} characters' },
  isLength: { zh: '{field}须为 {0}–{1} 个字符', en: '{field} must have {0}–{1} characters' },
  arrayMinSize: { zh: '{field}至少 {0} 项', en: '{field} must have at least {0} entries' },
  arrayMaxSize: { zh: '{field}最多 {0} 项', en: '{field} must have at most {0} entries' },
  arrayUnique: { zh: '{field}不能有重复项', en: '{field} must not repeat an entry' },
  matches: { zh: '{field}格式不正确', en: '{field} is not in the expected format' },
  'matches:blank': { zh: '{field}不能为空', en: '{field} must not be blank' },
  'matches:username': {
    zh: '{field}为 2–50 个字母、数字、汉字或 _ . @ -',
    en: '{field} must be 2–50 letters, digits or _ . @ -',
  },
  'matches:code': {
    zh: '{field}只能是小写字母、数字和连字符（2–63 个字符）',
    en: '{field} may only hold lower-case letters, digits and hyphens (2–63 characters)',
  },
  'matches:month': { zh: '{field}必须是 YYYY-MM', en: '{field} must be YYYY-MM' },
  'matches:year': { zh: '{field}必须是四位数年份', en: '{field} must be a four-digit year' },
  'matches:chapter': { zh: '{field}必须是章的编号，如 "6"', en: '{field} must be a chapter number, such as "6"' },
  'matches:period': {
    zh: '{field}必须形如 2024-07、2024-Q3、2024-H2 或 2024',
    en: '{field} must look like 2024-07, 2024-Q3, 2024-H2 or 2024',
  },
  whitelistValidation: { zh: '不认识的字段 {name}', en: 'unknown field {name}' },
  invalid: { zh: '{field}取值无效', en: '{field} has an invalid value' },

  // text anywhere in a request
  'text.nul': { zh: '{field}含有空字符（U+0000），不能保存', en: '{field} contains a NUL character (U+0000), which cannot be stored' },
  'text.surrogate': {
    zh: '{field}含有无效的 Unicode 字符（不成对的代理项）',
    en: '{field} contains invalid Unicode (an unpaired surrogate)',
  },

  // the request itself
  'body.notObject': { zh: '请求体必须是 JSON 对象', en: 'the request body must be a JSON object' },
  'body.notJson': { zh: '请求体不是合法的 JSON', en: 'the request body is not valid JSON' },
  'body.tooLarge': { zh: '请求体过大', en: 'the request body is too large' },
  'body.charset': { zh: '不支持的字符集，请用 UTF-8', en: 'unsupported character set; use UTF-8' },
  'body.encoding': { zh: '不支持的内容编码 {encoding}', en: 'unsupported content encoding {encoding}' },
  'body.badEncoding': {
    zh: '请求体按其 Content-Encoding 解压失败（数据损坏或不是所声明的压缩格式）',
    en: 'the request body could not be decompressed as its Content-Encoding says (corrupt, or not that format)',
  },
  'body.aborted': { zh: '请求体未传完，连接已中断', en: 'the request body was cut off before it ended' },
  'url.badEscape': {
    zh: '网址中有无效的百分号编码（% 后须是两位十六进制数）',
    en: 'the URL holds an invalid percent escape (% must be followed by two hex digits)',
  },
  'url.tooLong': {
    zh: '网址过长（最多 {max} 个字符），请缩短筛选条件',
    en: 'the URL is too long (at most {max} characters); shorten the filter',
  },
  'headers.tooLarge': { zh: '请求头过大', en: 'the request headers are too large' },
  'route.notFound': { zh: '没有这个接口：{method} {path}', en: 'no such endpoint: {method} {path}' },
  'db.required': { zh: '{field}不能为空', en: '{field} is required' },
  'db.check': { zh: '{field}的取值不符合规则', en: 'the value of {field} breaks a rule' },
  'db.checkAny': { zh: '提交的取值不符合数据规则（{constraint}）', en: 'a submitted value breaks a data rule ({constraint})' },
  'db.numberRange': { zh: '提交的数值超出允许的范围', en: 'a submitted number is out of range' },
  'db.dateRange': { zh: '提交的日期超出允许的范围或格式不正确', en: 'a submitted date is out of range or malformed' },
  'db.tooLong': { zh: '提交的文字超出允许的长度', en: 'a submitted text is too long' },
  'db.syntax': { zh: '提交的取值格式不正确', en: 'a submitted value is malformed' },
  'db.encoding': { zh: '提交的文字含有无法保存的字符', en: 'a submitted text holds characters that cannot be stored' },
  'db.tooLarge': { zh: '提交的内容过大，无法保存', en: 'the submitted content is too large to store' },
  'db.duplicate': { zh: '与已有记录重复', en: 'duplicates an existing record' },
  'db.reference': {
    zh: '仍有其他记录引用它，或它引用的记录不存在',
    en: 'other records still refer to it, or a record it refers to does not exist',
  },
  'db.concurrency': { zh: '并发冲突，请重试', en: 'a concurrent change got in the way; please retry' },
  'record.notFound': { zh: '{record}不存在或无权查看', en: '{record} not found, or not visible to you' },
  'record.stale': {
    zh: '记录已被修改（当前版本 {current}，提交的版本 {expected}），请刷新后重试',
    en: 'the record has changed (version {current} now, {expected} sent); reload and try again',
  },
  'auth.missing': { zh: '未登录', en: 'not logged in' },
  'auth.expired': { zh: '登录已失效，请重新登录', en: 'your session has ended; please log in again' },
  'auth.noPolicy': { zh: '该接口未声明访问策略，一律拒绝', en: 'this endpoint declares no access policy, so it is refused' },
  'auth.forbidden': { zh: '当前角色无权执行此操作', en: 'your role may not do this' },
  'auth.throttled': { zh: '登录失败次数过多，请 {seconds} 秒后再试', en: 'too many failed log-ins; try again in {seconds} seconds' },
  'auth.disabled': { zh: '该用户已停用', en: 'this user is disabled' },
  'auth.wrong': { zh: '用户名或密码错误', en: 'wrong username or password' },
  'users.selfRoleOrActive': { zh: '不能停用自己或修改自己的角色', en: 'you cannot disable yourself or change your own role' },
  'users.selfDisable': { zh: '不能停用自己', en: 'you cannot disable yourself' },
  'users.unitMissing': { zh: '所选{field}不存在', en: 'the selected {field} does not exist' },
  'users.roleUnitKind': {
    zh: '角色 {role} 不能属于类型为 {kind} 的单位',
    en: 'a user with role {role} cannot belong to a unit of kind {kind}',
  },
  'users.roleNeedsUnit': { zh: '角色 {role} 必须属于一个{field}', en: 'a user with role {role} must belong to a {field}' },
  'users.usernameTaken': { zh: '用户名 {username} 已被使用', en: 'the username {username} is taken' },
  'orgUnits.hasUsers': {
    zh: '该单位还有 {users} 个用户，先停用或调走他们再删除',
    en: 'the unit still has {users} users; disable or move them first',
  },
  'orgUnits.codeTaken': { zh: '单位代码 {code} 已存在', en: 'a unit with code {code} exists' },
  'orgUnits.nameTaken': { zh: '单位名称 {name} 已存在', en: 'a unit named {name} exists' },
  'orgUnits.kindMisfit': {
    zh: '该单位有角色为 {role} 的用户，单位类型不能改为 {kind}',
    en: 'the unit has users with role {role}, so its kind cannot become {kind}',
  },
  'assignments.completed.report': { zh: '任务已销号，不能再报告', en: 'the assignment is closed (销号); it takes no more reports' },
  'assignments.cancelled.report': { zh: '任务已取消，不能再报告', en: 'the assignment is cancelled; it takes no more reports' },
  'assignments.completed.remove': { zh: '任务已销号，不能移除', en: 'the assignment is closed (销号) and cannot be removed' },
  'assignments.cancelled.remove': { zh: '任务已取消', en: 'the assignment is already cancelled' },
  'assignments.acknowledged': {
    zh: '该任务已于 {at} 签收，无需再次签收',
    en: 'the assignment was already acknowledged on {at}',
  },
  'assignments.completed.acknowledge': { zh: '任务已销号，不能再签收', en: 'the assignment is closed (销号); it cannot be acknowledged' },
  'assignments.cancelled.acknowledge': { zh: '任务已取消，不能签收', en: 'the assignment is cancelled; it cannot be acknowledged' },
  'indicators.officeUnit': {
    zh: '指标须由部门或县（市、区）报送，{name} 不能作为责任单位',
    en: 'an indicator is reported by a department, county or zone; {name} cannot be responsible for it',
  },
  'escalations.oneOf': {
    zh: '任务（assignmentId）与单位（orgUnitId）必须且只能提供一个',
    en: 'give exactly one of assignmentId (an assignment) and orgUnitId (a unit)',
  },
  'escalations.closed': { zh: '该任务已销号或已取消，无需{kind}', en: 'the assignment is completed or cancelled; no {kind} is needed' },
  'escalations.lowerRung': {
    zh: '该任务已有未办结的{open}，不能再发低一级的{kind}',
    en: 'the assignment already has an open {open}; a lower rung ({kind}) cannot be issued',
  },
  'escalations.alreadyToday': { zh: '今天已经对这些任务人工{kind}过', en: 'these assignments already had a manual {kind} today' },
  'escalations.unitMissing': { zh: '所选单位不存在', en: 'the selected unit does not exist' },
  'indicatorValues.unknownIndicator': {
    zh: 'indicatorId 不是已发布规划中的指标行',
    en: 'indicatorId is not an indicator row of a published plan',
  },
  'indicatorValues.notResponsible': {
    zh: '该指标不由本单位报送（责任单位由委办设定）',
    en: 'your unit is not responsible for reporting this indicator (the office sets the responsible unit)',
  },
  'indicatorValues.futureYear': {
    zh: '{year} 年还没有到（今天是 {today}），不能报送该年数值',
    en: 'the year {year} has not come yet (today is {today}); its value cannot be entered',
  },
  'indicatorValues.valueRequired': {
    zh: '数值必填：该指标的目标是数字（单位：{unit}）',
    en: 'value is required: the target of this indicator is a number (unit: {unit})',
  },
  'indicatorValues.textRequired': {
    zh: '文字目标须填写完成情况说明（文本）',
    en: 'a target in words needs a statement of how it was met (text)',
  },
  'indicatorValues.duplicate': {
    zh: '该指标 {year} 年的数值已存在，请编辑原记录',
    en: 'a value for {year} already exists for this indicator; edit that one',
  },
  'indicatorValues.fixed': { zh: '指标和年份不能修改', en: 'the indicator and year cannot be changed' },
  'indicatorValues.notEditable': {
    zh: '该数值已在审核中（{status}），只有草稿或被退回的数值可以修改',
    en: 'the value is under review ({status}); only a draft or returned value can be edited',
  },
  'indicatorValues.otherRole': {
    zh: '当前角色不能对 {status} 状态的数值执行 {action}（应由 {role} 办理）',
    en: 'your role cannot {action} a value that is {status} (that is for the {role})',
  },
  'indicatorValues.wrongState': {
    zh: '数值当前为 {status}，不能执行 {action}',
    en: 'the value is {status}; it cannot be sent to {action}',
  },
  'indicatorValues.reasonRequired': { zh: 'comment（退回原因）必填', en: 'comment (the reason for returning) is required' },
  'indicatorValues.assessmentRequired': {
    zh: '文字目标由核查人员评判：核查通过时须给出 assessment（met/on_track/at_risk/off_track）和理由（comment）',
    en: 'a target in words is judged by the inspector: approving needs an assessment (met/on_track/at_risk/off_track) and a reason (comment)',
  },
  'indicatorValues.assessmentNotHere': {
    zh: 'assessment 只用于核查通过文字目标；数字目标按规则自动判定',
    en: 'assessment is only given when approving a target in words; numeric targets are judged by rule',
  },
  'indicatorValues.raced': { zh: '数值刚被他人处理过，请刷新后重试', en: 'someone else just acted on this value; reload and try again' },
  'evaluations.outsidePlan': {
    zh: '考核截止日期 {asOf} 不在规划期内（{start} 至 {end}）',
    en: 'the evaluation date {asOf} is outside the plan period ({start} to {end})',
  },
  'evaluations.published': {
    zh: '截至 {asOf} 的考核评估已发布，不能再次发布',
    en: 'the evaluation as of {asOf} is already published',
  },
  'evaluations.notPublished': {
    zh: '截至 {asOf} 的考核评估尚未发布',
    en: 'the evaluation as of {asOf} has not been published',
  },
  // refusals of the services
  'list.idUuid': { zh: 'id 必须是 UUID', en: 'id must be a UUID' },
  'list.paramOnceJson': { zh: '{name} 参数只能出现一次，且必须是 JSON', en: 'the {name} parameter may appear only once and must be JSON' },
  'list.paramNotJson': { zh: '{name} 参数不是合法的 JSON', en: 'the {name} parameter is not valid JSON' },
  'list.rangePair': { zh: 'range 必须是两个整数 [start, end]', en: 'range must be two whole numbers [start, end]' },
  'list.rangeOrder': { zh: 'range 不能为负数，end 不能小于 start', en: 'range must not be negative, and end must not be less than start' },
  'list.rangeMax': { zh: 'range 一页最多 {max} 条', en: 'range: at most {max} rows a page' },
  'list.filterObject': { zh: 'filter 必须是 JSON 对象', en: 'filter must be a JSON object' },
  'list.sortPair': { zh: 'sort 必须是 ["字段", "ASC|DESC"]', en: 'sort must be ["field", "ASC|DESC"]' },
  'list.sortDirection': { zh: 'sort 的方向只能是 ASC 或 DESC', en: 'the sort direction must be ASC or DESC' },
  'list.unknownFilter': { zh: '不支持按 {name} 筛选；可用：{allowed}', en: 'cannot filter by {name}; available: {allowed}' },
  'list.unknownSort': { zh: '不支持按 {name} 排序；可用：{allowed}', en: 'cannot sort by {name}; available: {allowed}' },
  'list.filterUuids': {
    zh: '筛选 {name} 必须是 UUID 或 UUID 数组（最多 1000 个）',
    en: 'filter {name} must be a UUID or a list of UUIDs (at most 1000)',
  },
  'list.filterStrings': { zh: '筛选 {name} 必须是字符串或字符串数组', en: 'filter {name} must be a string or a list of strings' },
  'list.filterAllowed': { zh: '筛选 {name} 只能取：{allowed}', en: 'filter {name} may only be: {allowed}' },
  'list.filterInts': {
    zh: '筛选 {name} 必须是 {min}–{max} 的整数或整数数组',
    en: 'filter {name} must be a whole number from {min} to {max}, or a list of them',
  },
  'list.filterDate': { zh: '筛选 {name} 必须是 YYYY-MM-DD 格式的真实日期', en: 'filter {name} must be a real date written YYYY-MM-DD' },
  'list.filterBoolean': { zh: '筛选 {name} 必须是 true 或 false', en: 'filter {name} must be true or false' },
  'list.filterText': { zh: '筛选 {name} 必须是不超过 200 字的文本', en: 'filter {name} must be text of at most 200 characters' },
  'list.filterChapter': {
    zh: '筛选 chapter 必须是章的编号（如 "6"）或编号数组',
    en: 'filter chapter must be a chapter number (such as "6") or a list of them',
  },
  'clock.real': {
    zh: '时钟为真实时间，只有在演示/测试模式（DUBAN_NOW）下才能调整',
    en: 'the clock is real time; it can only be set in demo/test mode (DUBAN_NOW)',
  },
  'sweep.nowFixedOnly': { zh: '只有演示/测试模式（DUBAN_NOW）下才能指定 now', en: 'now can only be given in demo/test mode (DUBAN_NOW)' },
  'settings.ladderOrder': {
    zh: 'ladder 的阈值须逐级递增：urge ({urge}) < supervision ({supervision}) < interview ({interview})',
    en: "the ladder's thresholds must rise: urge ({urge}) < supervision ({supervision}) < interview ({interview})",
  },
  'settings.weightsSum': {
    zh: 'evaluationWeights 三项之和须为 1（现为 {sum}）',
    en: 'the three evaluationWeights must add up to 1 (now {sum})',
  },
  'matches:supervisionNumber': {
    zh: '{field}须含 {year}（年份）和 {n}（序号）',
    en: '{field} must hold {year} (the year) and {n} (the number)',
  },
  'plans.published': { zh: '该规划已发布', en: 'the plan is already published' },
  'plans.nothingAssignable': {
    zh: '规划中没有可分解的条目，不能发布',
    en: 'the plan has no items to decompose, so it cannot be published',
  },
  'plans.fileAndText': { zh: 'file 与 text 只能二选一', en: 'give either file or text, not both' },
  'plans.fileOrText': { zh: '请上传 file（.txt/.docx）或提供 text', en: 'upload a file (.txt/.docx) or give text' },
  'plans.fileTooLarge': { zh: '规划文件过大', en: 'the plan file is too large' },
  'plans.textTooLong': {
    zh: '规划文本共 {chars} 字，超过可导入的上限 {max} 字',
    en: 'the plan text has {chars} characters, more than the {max} that can be imported',
  },
  'plans.badDocument': { zh: '{detail}', en: 'not a readable plan document: {detail}' },
  'plans.notPlan': { zh: '不是可导入的规划文件：{detail}', en: 'not a plan that can be imported: {detail}' },
  'plans.parseTimeout': {
    zh: '规划文件过于复杂，{seconds} 秒内未能读完，已停止解析；请确认上传的是规划正文，或拆分后再导入',
    en: "the plan file is too complex to read within {seconds} s, so reading stopped; check that it is the plan's text, or split it and import the parts",
  },
  'plans.decodeTimeout': {
    zh: '规划文件过大或过于复杂，{seconds} 秒内未能读出其中的文字，已停止读取；请确认上传的是规划正文，或拆分后再导入',
    en: "the plan file is too large or complex to read its text within {seconds} s, so reading stopped; check that it is the plan's text, or split it and import the parts",
  },
  'plans.parseMemory': {
    zh: '规划文件过于复杂，解析所需内存超出上限，已停止解析；请确认上传的是规划正文，或拆分后再导入',
    en: "the plan file is too complex: reading it needs more memory than allowed, so reading stopped; check that it is the plan's text, or split it and import the parts",
  },
  'bulletins.month': { zh: 'month 必须是 YYYY-MM', en: 'month must be YYYY-MM' },
  'bulletins.monthNotStarted': { zh: '该月份尚未开始', en: 'that month has not begun' },
  'bulletins.planIdUuid': { zh: 'planId 必须是 UUID', en: 'planId must be a UUID' },
  'bulletins.noPublishedPlan': { zh: '还没有已发布的规划', en: 'no plan is published yet' },
  'bulletins.manyPlans': { zh: '有多个已发布的规划，请用 planId 指定', en: 'more than one plan is published; choose one with planId' },
  'bulletins.alreadyPublished': {
    zh: '{month} 的通报已经发布，发布后不能更改',
    en: 'the bulletin of {month} is already published and cannot change',
  },
  'bulletins.notPublished': { zh: '{month} 的通报尚未发布', en: 'the bulletin of {month} is not published yet' },
  'dutyRules.unitMissing': { zh: 'orgUnitId {id} 不是已有的单位', en: 'orgUnitId {id} is not an existing unit' },
  'dutyRules.departmentOnly': {
    zh: '职责规则只能指向部门；{name} 是{kind}',
    en: 'a duty rule can only point to a department; {name} is: {kind}',
  },
  'reports.filterPeriod': {
    zh: '筛选 period 必须形如 2024-07、2024-Q3、2024-H2 或 2024',
    en: 'filter period must look like 2024-07, 2024-Q3, 2024-H2 or 2024',
  },
  'reports.periodExists': {
    zh: '该任务 {period} 的报告已存在，请编辑原报告',
    en: 'the assignment already has a report for {period}; edit that one',
  },
  'reports.periodCycle': {
    zh: 'period {period} 不是该任务的报送周期：应为{cycle}（如 {example}）',
    en: "period {period} does not fit the assignment's report cycle: it is {cycle} (such as {example})",
  },
  'reports.periodOutside': {
    zh: 'period {period} 不在该任务的报送期内（{first} 至 {last}）',
    en: "period {period} is not one of the assignment's report periods ({first} to {last})",
  },
  'reports.periodFuture': {
    zh: 'period {period} 还没有开始（今天是 {today}），不能提前报告',
    en: 'period {period} has not begun (today is {today}); it cannot be reported early',
  },
  'reports.assignmentFixed': { zh: 'assignmentId 不能修改', en: 'assignmentId cannot be changed' },
  'reports.periodFixed': {
    zh: 'period 不能修改；请为该报送期另建报告',
    en: 'period cannot be changed; create a report for that period instead',
  },
  'reports.notEditable': {
    zh: '报告{status}，只有草稿或被退回的报告可以修改',
    en: 'the report is {status}; only a draft or a returned report can be edited',
  },
  'reports.wrongRole': {
    zh: '{role}不能{action}{status}的报告（应由{by}办理）',
    en: 'the {role} cannot {action} a report that is {status} (that is for the {by})',
  },
  'reports.cannotAct': { zh: '报告{status}，不能{action}', en: 'you cannot {action} a report that is {status}' },
  'reports.cannotActNotFinal': {
    zh: '报告{status}（非销号申请），不能{action}',
    en: 'you cannot {action} a report that is {status} and not a final report (申请销号)',
  },
  'reports.reasonRequired': { zh: 'comment（退回原因）必填', en: 'comment (the reason for returning) is required' },
  'reports.raced': { zh: '报告刚被他人处理过，请刷新后重试', en: 'someone else has just acted on the report; reload and try again' },
  'escalations.leaderOnly': { zh: '督办单只能由分管领导答复', en: "only the unit's leader may answer a 督办单" },
  'escalations.cannotAnswer': { zh: '当前角色不能答复此事项', en: 'your role may not answer this notice' },
  'escalations.resolved': {
    zh: '该事项已办结（目标已完成或已撤销），无需答复',
    en: 'the notice is resolved (its target was met or withdrawn); it needs no answer',
  },
  'escalations.answered': { zh: '该事项已经答复过', en: 'the notice has already been answered' },
  'escalations.interviewNoAnswer': {
    zh: '约谈/通报候选由委办公室确认，无需答复',
    en: 'an interview/bulletin candidate is confirmed by the office; it needs no answer',
  },
  'escalations.promiseRequired': {
    zh: '答复督办单必须给出 promisedDate（承诺完成时间）',
    en: 'an answer to a 督办单 must give promisedDate (the promised completion date)',
  },
  'escalations.promisePast': { zh: 'promisedDate 不能早于今天', en: 'promisedDate cannot be before today' },
  'escalations.promiseLatestFromToday': {
    zh: 'promisedDate 最晚为 {latest}（今天后 {days} 个工作日）',
    en: 'promisedDate can be {latest} at the latest ({days} working days after today)',
  },
  'escalations.promiseLatestFromTarget': {
    zh: 'promisedDate 最晚为 {latest}（目标日期 {target}后 {days} 个工作日）',
    en: 'promisedDate can be {latest} at the latest ({days} working days after the target date {target})',
  },
  'escalations.notInterview': { zh: '只有约谈/通报候选需要确认', en: 'only interview/bulletin candidates need confirming' },
  'escalations.confirmed': { zh: '已经确认过', en: 'already confirmed' },
  'evidence.fileMissing': {
    zh: '佐证材料的文件不在存储中，请联系管理员',
    en: 'the evidence file is missing from storage; ask the administrator',
  },
  'evidence.reportSubmitted': {
    zh: '{what}已报送（{status}），佐证材料只能在草稿或被退回时添加或撤回',
    en: 'the {what} is submitted ({status}); evidence can only be added or withdrawn while it is a draft or returned',
  },
  'evidence.reportInReview': {
    zh: '{what}已进入审核（{status}），佐证材料只能在草稿或被退回时添加或撤回',
    en: 'the {what} is under review ({status}); evidence can only be added or withdrawn while it is a draft or returned',
  },
  'evidence.assignmentCompleted': {
    zh: '任务已销号，不能再改动佐证材料',
    en: 'the assignment is closed (销号); its evidence cannot change',
  },
  'evidence.assignmentCancelled': { zh: '任务已取消，不能再改动佐证材料', en: 'the assignment is cancelled; its evidence cannot change' },
  'evidence.unknownType': {
    zh: '无法识别文件类型；只接受 JPEG、PNG、WebP、HEIC、PDF、OFD、Office/WPS 文档和 MP4',
    en: 'the file type is not recognised; only JPEG, PNG, WebP, HEIC, PDF, OFD, Office/WPS documents and MP4 are accepted',
  },
  'evidence.refusedType': {
    zh: '不接受此类文件（内容为 {what}）；只接受 JPEG、PNG、WebP、HEIC、PDF、OFD、Office/WPS 文档和 MP4',
    en: 'this kind of file is not accepted (its content is {what}); only JPEG, PNG, WebP, HEIC, PDF, OFD, Office/WPS documents and MP4 are',
  },
  'evidence.macro': {
    zh: '含宏（VBA）的文档不接受，请另存为不含宏的格式后再上传',
    en: 'documents with macros (VBA) are not accepted; save it without macros and upload again',
  },
  'evidence.zip': {
    zh: '不接受此类文件（内容为 ZIP 压缩包，不是 Office/WPS 文档或 OFD）',
    en: 'this kind of file is not accepted (a ZIP archive, not an Office/WPS document or OFD)',
  },
  'evidence.installer': { zh: '不接受此类文件（内容为 Windows 安装程序）', en: 'this kind of file is not accepted (a Windows installer)' },
  'evidence.compound': {
    zh: '不接受此类文件（复合文档，但不是 Word/Excel/PowerPoint/WPS 文档）',
    en: 'this kind of file is not accepted (a compound file, but not a Word/Excel/PowerPoint/WPS document)',
  },
  'evidence.broken': { zh: '文件已损坏或不是文档：{detail}', en: 'the file is damaged or not a document: {detail}' },
  'evidence.extensionMismatch': {
    zh: '文件扩展名 .{ext} 与内容不符（内容为 {actual}）',
    en: 'the file extension .{ext} does not match its content ({actual})',
  },
  'evidence.empty': { zh: '文件是空的（0 字节）', en: 'the file is empty (0 bytes)' },
  'evidence.withdrawn': { zh: '该佐证材料已撤回', en: 'the evidence is already withdrawn' },
  'evidence.pathInName': { zh: '文件名不能包含路径（..）', en: 'the file name must not contain a path (..)' },
  'upload.tooLarge': { zh: '文件超过上传上限 {max}', en: 'the file is larger than the upload limit of {max}' },
  'upload.multipart': {
    zh: '请以 multipart/form-data 上传，文件放在 file 字段',
    en: 'upload as multipart/form-data, with the file in the file field',
  },
  'upload.broken': { zh: '上传未完成或格式错误：{detail}', en: 'the upload is incomplete or malformed: {detail}' },
  'upload.cutOff': { zh: '上传未完成：连接在文件传完之前中断', en: 'the upload is incomplete: the connection ended before the file did' },
  'upload.notMultipart': { zh: '上传内容不是有效的 multipart 格式：{detail}', en: 'the upload is not valid multipart: {detail}' },
  'upload.oneFile': { zh: '一次只能上传一个文件', en: 'upload one file at a time' },
  'upload.wrongField': { zh: '文件应放在 file 字段（收到 {got}）', en: 'the file belongs in the file field (got {got})' },
  'upload.noFile': { zh: '缺少上传的文件（multipart 字段 file）', en: 'no file was uploaded (multipart field file)' },
  'calendar.contiguous': {
    zh: '工作日历须逐年连续：现有 {min}–{max} 年，只能添加 {before} 年或 {after} 年',
    en: 'the working-day calendar must run year after year: it has {min}–{max}, so only {before} or {after} can be added',
  },
  'calendar.yearRange': { zh: 'year 必须是 {min}–{max} 之间的年份', en: 'year must be a year from {min} to {max}' },
  'calendar.weekendsNoDays': {
    zh: 'source 为 weekends-only 时不能列出 days（仅按双休日计算）',
    en: 'with source weekends-only, days must be empty (weekends only)',
  },
  'calendar.stateCouncilDays': {
    zh: 'source 为 state-council 时须列出 days（节假日和调休上班日）；没有节假日请用 weekends-only',
    en: 'with source state-council, list the days (holidays and make-up working days); use weekends-only when there are none',
  },
  'calendar.dayYear': { zh: 'days[{i}].date {date} 不在 {year} 年', en: 'days[{i}].date {date} is not in {year}' },
  'calendar.dayRepeated': { zh: 'days[{i}].date {date} 重复', en: 'days[{i}].date {date} is repeated' },
  'calendar.workdayWeekend': {
    zh: 'days[{i}] {date} 是工作日本身，调休上班日（workday）只能是周六或周日',
    en: 'days[{i}] {date} is a working day already; a make-up working day (workday) must be a Saturday or Sunday',
  },
  'calendar.yearFormat': { zh: 'year 必须是四位数年份', en: 'year must be a four-digit year' },
  'assignments.exportMax': {
    zh: '一次最多导出 {max} 条，请加筛选条件缩小范围',
    en: 'at most {max} rows can be exported at once; narrow the filter',
  },
  'assignments.mineUnitOnly': {
    zh: '“我的任务”只对单位领导和联络员开放；请用任务列表',
    en: '"my assignments" is for unit leaders and liaisons; use the assignment list',
  },
  'assignments.fixedFields': {
    zh: '{fields} 不能在这里修改；请重新分解该条目',
    en: '{fields} cannot be changed here; decompose the item again',
  },
  'assignments.completed.edit': { zh: '任务已销号，不能再修改', en: 'the assignment is closed (销号) and cannot change' },
  'assignments.cancelled.edit': { zh: '任务已取消，不能再修改', en: 'the assignment is cancelled and cannot change' },
  'assignments.cycleFixed': {
    zh: '该任务已有报告，不能更改报送周期（已报的报送期会对不上）',
    en: 'the assignment has reports, so its report cycle cannot change (the reported periods would no longer match)',
  },
  'assignments.leadNotAlone': {
    zh: '这是牵头单位，该条目还有 {n} 个其他单位：请重新分解该条目并指定新的牵头单位',
    en: 'this is the lead unit and the item has {n} other units: decompose the item again and name a new lead',
  },
  'assignments.dateOutsidePlan': {
    zh: '{name} {date} 不在规划期（{start} 至 {end}）内',
    en: '{name} {date} is outside the plan period ({start} to {end})',
  },
  'assignments.milestoneOutsidePlan': {
    zh: '{name}[{i}].date {date} 不在规划期（{start} 至 {end}）内',
    en: '{name}[{i}].date {date} is outside the plan period ({start} to {end})',
  },
  'assignments.milestoneAfterDeadline': {
    zh: '{name}[{i}].date {date} 须早于截止日期 {deadline}',
    en: '{name}[{i}].date {date} must be before the deadline {deadline}',
  },
  'decompose.planUnpublished': { zh: '规划尚未发布，不能分解', en: 'the plan is not published yet, so it cannot be decomposed' },
  'decompose.completedRemoved': {
    zh: '单位 {unit} 的任务已销号，不能从分解中移除',
    en: 'the assignment of unit {unit} is closed (销号) and cannot leave the decomposition',
  },
  'decompose.cycleFixed': {
    zh: '单位 {unit} 的任务已有报告，不能更改报送周期（已报的报送期会对不上）',
    en: 'the assignment of unit {unit} has reports, so its report cycle cannot change (the reported periods would no longer match)',
  },
  'decompose.noChapter': { zh: 'chapter：该规划没有第 {chapter} 章', en: 'chapter: the plan has no chapter {chapter}' },
  'decompose.unitMissing': { zh: '{at}.orgUnitId {id} 不是已有的单位', en: '{at}.orgUnitId {id} is not an existing unit' },
  'decompose.unitTwice': {
    zh: '{at}：{unit} 重复出现，一个单位在一个条目中只能有一项任务',
    en: '{at}: {unit} appears twice; a unit has at most one assignment in an item',
  },
  'decompose.roleKind': {
    zh: '{at}：{unit} 是{kind}，不能作{role}（{kinds}才可以）',
    en: '{at}: {unit} is a {kind} and cannot be the {role} (only: {kinds})',
  },
  'decompose.noLead': { zh: '缺少牵头单位：须恰好有一项 role 为 lead', en: 'no lead unit: exactly one entry must have role lead' },
  'decompose.manyLeads': { zh: '牵头单位只能有一个（现有 {n} 个：{names}）', en: 'there can be only one lead unit ({n} now: {names})' },
  'decompose.notAssignable': {
    zh: '条目 {number} 不是可分解的措施或工程项目（{kind}）',
    en: 'item {number} is not a measure or project that can be decomposed ({kind})',
  },
  'server.error': { zh: '服务器内部错误', en: 'internal server error' },
  'request.invalid': { zh: '请求无效', en: 'invalid request' },
} as const satisfies Record<string, Record<Language, string>>;

/** What a record is called, for "not found" and the like. */
const RECORD_NAMES = {
  任务: 'Assignment',
  佐证材料: 'Evidence',
  单位: 'Unit',
  审计事件: 'Audit event',
  报告: 'Report',
  用户: 'User',
  督办事项: 'Notice',
  职责规则: 'Duty rule',
  规划: 'Plan',
  规划条目: 'Plan item',
  通知: 'Notification',
  通报: 'Bulletin',
  指标: 'Indicator',
  指标年度数值: 'Indicator value',
  考核评估: 'Evaluation',
  术语: 'Glossary term',
  该年的工作日历: 'The working-day calendar of that year',
} as const;
export type RecordName = keyof typeof RECORD_NAMES;

export type MessageKey = keyof typeof MESSAGES;
/** Words given in both languages (a label, a name with its own English) are rendered in the request's. */
export type Bilingual = Record<Language, string>;
export type MessageParams = Record<string, string | number | readonly unknown[] | Bilingual>;
export interface Message {
  key: MessageKey;
  params?: MessageParams;
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(MESSAGES, key);
}

/** One message in one language: `{field}` takes the field's label, a list reads as a list. */
export function render(message: Message, lang: Language): string {
  return MESSAGES[message.key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = message.params?.[name];
    if (value === undefined) return whole;
    if (name === 'field') return fieldLabel(String(value), lang);
    if ((name === 'kind' || name === 'open') && (ESCALATION_KINDS as readonly unknown[]).includes(value))
      return LABELS[lang].escalationKind[value as EscalationKind];
    if (name === 'record' && lang === 'en' && Object.hasOwn(RECORD_NAMES, String(value))) return RECORD_NAMES[value as RecordName];
    if (Array.isArray(value)) return value.join(lang === 'zh' ? '、' : ', ');
    if (typeof value === 'object') return (value as Bilingual)[lang];
    return String(value);
  });
}

/** A refusal in words the client's language can choose (rendered by AllExceptionsFilter). */
export class LocalizedException extends HttpException {
  constructor(
    status: number,
    readonly messages: Message[],
    /** Fields the answer carries besides the message (the plan parser's `problems`). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(render(messages[0], 'zh'), status);
  }
}

/** `throw refuse(409, 'users.selfDisable')`: one catalogue message as an HTTP error. */
export function refuse(status: number, key: MessageKey, params?: MessageParams): LocalizedException {
  return new LocalizedException(status, [{ key, params }]);
}

/** An enum value's label in both languages (libs/domain labels), for a message parameter. */
export function words<K extends keyof Labels>(kind: K, value: keyof Labels[K]): Bilingual {
  return { zh: String(LABELS.zh[kind][value]), en: String(LABELS.en[kind][value]) };
}

/** The language a request asks for: English when `Accept-Language` prefers it, Chinese otherwise. */
export function requestLanguage(acceptsLanguages: (...langs: string[]) => string | false): Language {
  return acceptsLanguages('zh', 'en') === 'en' ? 'en' : 'zh';
}
