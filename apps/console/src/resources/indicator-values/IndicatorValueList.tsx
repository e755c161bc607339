import { useMediaQuery, type Theme } from '@mui/material';
import { REPORT_STATUSES } from '@duban/domain';
import { Datagrid, FunctionField, List, NumberField, ReferenceField, SelectInput, SimpleList, TextField, useTranslate } from 'react-admin';
import { CodeField, DayField, ReportStatusField } from '../../components/fields';
import { readsAllUnits, useAbility } from '../../providers/ability';

type Row = Record<string, unknown>;

/** Yearly values, oldest waiting first (the queues' order); a phone gets one line per value. */
const IndicatorValueList = () => {
  const translate = useTranslate();
  const ability = useAbility();
  const allUnits = readsAllUnits(ability, 'IndicatorValue');
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  return (
    <List
      filters={[
        <SelectInput key="status" source="status" choices={REPORT_STATUSES.map((id) => ({ id, name: `duban.reportStatus.${id}` }))} />,
      ]}
      sort={{ field: 'waitingSince', order: 'ASC' }}
      perPage={25}
      exporter={false}
    >
      {phone ? (
        <SimpleList
          primaryText={(r: Row) => `${r.year} · ${r.value ?? ''} · ${translate(`duban.reportStatus.${String(r.status)}`)}`}
          secondaryText={(r: Row) => String(r.text ?? '').slice(0, 60)}
          linkType="show"
        />
      ) : (
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <ReferenceField source="indicatorId" reference="indicators" link={false} sortable={false}>
            <FunctionField render={(i: Row) => `${i.number}. ${i.name}（${i.scope}）`} />
          </ReferenceField>
          {allUnits && (
            <ReferenceField source="orgUnitId" reference="org-units" link={false} sortable={false}>
              <TextField source="name" />
            </ReferenceField>
          )}
          <TextField source="year" />
          <NumberField source="value" />
          <ReportStatusField source="status" sortable={false} />
          <CodeField source="assessment" group="indicatorStatus" sortable={false} />
          <DayField source="submittedAt" time />
        </Datagrid>
      )}
    </List>
  );
};

export default IndicatorValueList;
