import { ESCALATION_KINDS } from '@duban/domain';
import { BooleanInput, Datagrid, FunctionField, List, ReferenceField, SelectInput, TextField, useTranslate } from 'react-admin';
import { CodeField, DayField } from '../../components/fields';
import { readsAllUnits, useAbility } from '../../providers/ability';

type Row = Record<string, unknown>;

/** The notices register: every notice with its answer and promised date (a unit sees its own). */
const EscalationList = () => {
  const translate = useTranslate();
  const allUnits = readsAllUnits(useAbility(), 'Escalation');
  const filters = [
    <SelectInput key="kind" source="kind" choices={ESCALATION_KINDS.map((id) => ({ id, name: `duban.escalationKind.${id}` }))} />,
    <BooleanInput key="answered" source="answered" />,
    <BooleanInput key="open" source="open" />,
  ];
  return (
    <List sort={{ field: 'createdAt', order: 'DESC' }} filters={filters} perPage={25} exporter={false}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <DayField source="createdAt" />
        <CodeField source="kind" group="escalationKind" sortable={false} />
        <TextField source="number" sortable={false} emptyText="—" />
        {allUnits && (
          <ReferenceField source="orgUnitId" reference="org-units" link={false} sortable={false}>
            <TextField source="name" />
          </ReferenceField>
        )}
        <ReferenceField source="assignmentId" reference="assignments" link={false} sortable={false}>
          <FunctionField render={(a: Row) => `${a.planItemNumber} ${a.planItemTitle}`} />
        </ReferenceField>
        <DayField source="targetDate" />
        <TextField source="daysOverdue" />
        <DayField source="dueAt" />
        <FunctionField
          source="respondedAt"
          sortable={false}
          render={(e: Row) => (e.respondedAt ? translate('duban.notice.answered') : translate('duban.notice.unanswered'))}
        />
        <DayField source="promisedDate" sortable={false} />
      </Datagrid>
    </List>
  );
};

export default EscalationList;
