import { useMediaQuery, type Theme } from '@mui/material';
import { REPORT_STATUSES } from '@duban/domain';
import type { ReactNode } from 'react';
import { BooleanField, Datagrid, FunctionField, List, ReferenceField, SelectInput, SimpleList, TextField, useTranslate } from 'react-admin';
import { DayField, ProgressField, ReportStatusField } from '../../components/fields';
import { daysBetween } from '../../components/format';
import { useClock } from '../../layout/useClock';
import { readsAllUnits, useAbility } from '../../providers/ability';

type Row = Record<string, unknown>;

/** Days waiting, counted to the server's business instant (the demo date in demo mode), not the browser's. */
const Waiting = (_props: { source: string; label?: string }) => {
  const translate = useTranslate();
  const clock = useClock();
  return (
    <FunctionField
      source="waitingSince"
      render={(r: Row) => (clock ? translate('duban.report.waiting', { days: daysBetween(r.waitingSince as string, clock.now()) }) : '')}
    />
  );
};

/**
 * Reports, oldest waiting first. The review queues are this list with a fixed filter
 * (CONTRACT: the queues sort by `waitingSince`); `bulkActions` adds e.g. the bulk approve.
 */
export const ReportGrid = ({
  filter,
  title,
  bulkActions,
  withStatusFilter = true,
}: {
  filter?: Record<string, unknown>;
  title?: string;
  bulkActions?: ReactNode;
  withStatusFilter?: boolean;
}) => {
  const translate = useTranslate();
  const ability = useAbility();
  const allUnits = readsAllUnits(ability, 'Report');
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const clock = useClock();
  const filters = withStatusFilter
    ? [<SelectInput key="status" source="status" choices={REPORT_STATUSES.map((id) => ({ id, name: `duban.reportStatus.${id}` }))} />]
    : undefined;
  return (
    <List
      resource="reports"
      filter={filter}
      filters={filters}
      sort={{ field: 'waitingSince', order: 'ASC' }}
      perPage={25}
      exporter={false}
      // A queue has nothing to filter or create: no toolbar (on a phone it was an empty white band).
      actions={withStatusFilter ? undefined : false}
      title={title}
      disableSyncWithLocation={!!title}
      storeKey={title ? `reports.${title}` : undefined}
    >
      {phone ? (
        <SimpleList
          primaryText={(r: Row) => `${r.period} · ${translate(`duban.reportStatus.${String(r.status)}`)}`}
          secondaryText={(r: Row) => String(r.summary ?? '').slice(0, 60)}
          tertiaryText={(r: Row) =>
            clock ? translate('duban.report.waiting', { days: daysBetween(r.waitingSince as string, clock.now()) }) : ''
          }
          linkType="show"
        />
      ) : (
        <Datagrid rowClick="show" bulkActionButtons={bulkActions ?? false}>
          <ReferenceField source="assignmentId" reference="assignments" link={false} sortable={false}>
            <FunctionField render={(a: Row) => `${a.planItemNumber} ${a.planItemTitle}`} />
          </ReferenceField>
          {allUnits && (
            <ReferenceField source="orgUnitId" reference="org-units" link={false} sortable={false}>
              <TextField source="name" />
            </ReferenceField>
          )}
          <TextField source="period" />
          <ReportStatusField source="status" sortable={false} />
          <ProgressField source="progress" sortable={false} />
          <BooleanField source="final" sortable={false} looseValue />
          <DayField source="submittedAt" time />
          {/* source on the element itself: the grid reads its header (label, sort) from it */}
          <Waiting source="waitingSince" />
        </Datagrid>
      )}
    </List>
  );
};

const ReportList = () => <ReportGrid />;

/** A queue page: the list with its fixed filter and the page title. */
export const ReportQueue = ({
  filter,
  titleKey,
  bulkActions,
}: {
  filter: Record<string, unknown>;
  titleKey: string;
  bulkActions?: ReactNode;
}) => {
  const translate = useTranslate();
  // The list sets the page title (a second <Title> would show it twice: 待核查待核查).
  return <ReportGrid filter={filter} title={translate(titleKey)} bulkActions={bulkActions} withStatusFilter={false} />;
};

export default ReportList;
