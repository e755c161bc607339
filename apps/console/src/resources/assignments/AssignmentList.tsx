import { useMediaQuery, type Theme } from '@mui/material';
import {
  BooleanInput,
  Datagrid,
  List,
  ReferenceInput,
  AutocompleteInput,
  SearchInput,
  SelectInput,
  SimpleList,
  TextField,
  FunctionField,
  useLocaleState,
  useTranslate,
} from 'react-admin';
import { ASSIGNMENT_STATUSES } from '@duban/domain';
import { CodeField, DayField, LightBadge, ProgressField } from '../../components/fields';
import { formatDay } from '../../components/format';
import { readsAllUnits, useAbility } from '../../providers/ability';

type Row = Record<string, unknown>;

/**
 * Assignments soonest-due first (the first of an open milestone, the deadline and the next report's due date). A leader or liaison sees only their own unit's (the API scopes the query);
 * who reads every unit also gets the unit column and filter. On a phone, a simple list.
 */
const AssignmentList = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const ability = useAbility();
  const allUnits = readsAllUnits(ability, 'Assignment');
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const filters = [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.assignments.fields.q')} />,
    <SelectInput key="status" source="status" choices={ASSIGNMENT_STATUSES.map((id) => ({ id, name: `duban.assignmentStatus.${id}` }))} />,
    <BooleanInput key="overdue" source="overdue" />,
    ...(allUnits
      ? [
          <ReferenceInput key="orgUnitId" source="orgUnitId" reference="org-units" sort={{ field: 'name', order: 'ASC' }}>
            <AutocompleteInput optionText="name" />
          </ReferenceInput>,
        ]
      : []),
  ];
  return (
    <List sort={{ field: 'soonest', order: 'ASC' }} filters={filters} perPage={25} exporter={false}>
      {phone ? (
        <SimpleList
          primaryText={(r: Row) => `${r.planItemNumber} ${r.planItemTitle}`}
          secondaryText={(r: Row) =>
            `${translate(`duban.light.${String(r.light ?? 'none')}`)} · ${translate('duban.assignment.next_report')} ${formatDay(
              r.nextReportDue as string,
              locale,
            )}`
          }
          tertiaryText={(r: Row) => `${r.progress}%`}
          linkType="show"
        />
      ) : (
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <LightBadge source="light" />
          <TextField source="planItemNumber" />
          <FunctionField
            source="planItemTitle"
            render={(r: Row) => String(r.planItemTitle ?? '')}
            sx={{ display: 'inline-block', maxWidth: 360 }}
          />
          {allUnits && <TextField source="orgUnitName" sortBy="orgUnitId" />}
          <CodeField source="role" group="assignmentRole" />
          <CodeField source="status" group="assignmentStatus" />
          <ProgressField source="progress" />
          <DayField source="nextReportDue" />
          <DayField source="deadline" />
          <FunctionField source="escalationLevel" render={(r: Row) => translate(`duban.level.l${Number(r.escalationLevel ?? 0)}`)} />
        </Datagrid>
      )}
    </List>
  );
};

export default AssignmentList;
