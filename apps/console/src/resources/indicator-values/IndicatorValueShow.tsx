import { subject } from '@casl/ability';
import { Alert, Box, Card, CardContent, Grid, Typography } from '@mui/material';
import { isReportEditable, type ReportStatus } from '@duban/domain';
import {
  EditButton,
  FunctionField,
  Labeled,
  NumberField,
  ReferenceField,
  Show,
  TextField,
  useGetOne,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { CodeField, DayField, ReportStatusField } from '../../components/fields';
import { useAbility } from '../../providers/ability';
import { EvidencePanel } from '../reports/EvidencePanel';
import { WorkflowButtons } from '../reports/WorkflowButtons';
import { History, ReturnedReason } from '../reports/ReportShow';

type Row = Record<string, unknown>;

/** A target in words (稳中向好, 完成省下达目标): the inspector's approval carries an assessment and its reason. */
function isJudged(indicator: Row | undefined): boolean {
  if (!indicator) return false;
  return (
    indicator.direction === 'judged' ||
    indicator.comparator === 'judged' ||
    (indicator.target === null && indicator.cumulativeTarget === null)
  );
}

const Body = () => {
  const record = useRecordContext<Row>();
  const translate = useTranslate();
  const ability = useAbility();
  const { data: indicator } = useGetOne<Row & { id: string }>(
    'indicators',
    { id: String(record?.indicatorId ?? '') },
    { enabled: !!record },
  );
  if (!record) return null;
  const editable = isReportEditable(record.status as ReportStatus) && ability.can('update', subject('IndicatorValue', { ...record }));
  const judged = isJudged(indicator);
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <ReturnedReason />
      <Card variant="outlined" sx={{ mb: 2 }}>
        <CardContent>
          <Box sx={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 1, mb: 2 }}>
            <ReferenceField source="indicatorId" reference="indicators" link={false}>
              <FunctionField
                render={(i: Row) => (
                  <Typography variant="h6" component="span" data-testid="value-indicator">
                    {String(i.number)}. {String(i.name)}（{String(i.scope)}） · {String(i.targetText ?? '')}
                  </Typography>
                )}
              />
            </ReferenceField>
            <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
              {editable && <EditButton variant="outlined" />}
              <WorkflowButtons resource="indicator-values" judged={judged} />
            </Box>
          </Box>
          <Grid container spacing={2}>
            <Grid size={{ xs: 6, md: 3 }}>
              <Labeled source="year">
                <TextField source="year" />
              </Labeled>
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <Labeled source="value">
                <NumberField source="value" />
              </Labeled>
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <Labeled source="status">
                <ReportStatusField />
              </Labeled>
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <Labeled source="submittedAt">
                <DayField source="submittedAt" time />
              </Labeled>
            </Grid>
            {record.assessment ? (
              <Grid size={{ xs: 12 }}>
                <Labeled source="assessment">
                  <CodeField source="assessment" group="indicatorStatus" />
                </Labeled>
                <Typography variant="body2">{String(record.assessmentReason ?? '')}</Typography>
              </Grid>
            ) : null}
          </Grid>
          {judged && (
            <Alert severity="info" sx={{ mt: 2 }}>
              {translate('duban.indicator.judged_target')}
            </Alert>
          )}
          <Typography variant="subtitle2" sx={{ mt: 2 }}>
            {translate('resources.indicator-values.fields.text')}
          </Typography>
          <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', lineHeight: 1.8 }}>
            {String(record.text ?? '')}
          </Typography>
        </CardContent>
      </Card>
      <EvidencePanel resource="indicator-values" />
      <History />
    </Box>
  );
};

const IndicatorValueShow = () => (
  <Show actions={false}>
    <Body />
  </Show>
);

export default IndicatorValueShow;
