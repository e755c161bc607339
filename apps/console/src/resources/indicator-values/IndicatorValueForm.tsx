import { INDICATOR_YEARS } from '@duban/domain';
import { AutocompleteInput, NumberInput, ReferenceInput, SelectInput, SimpleForm, TextInput, required, useGetIdentity } from 'react-admin';

type Row = Record<string, unknown>;

/**
 * A yearly value: the row (those the liaison's unit reports), the year, the figure or, for a target in words, the
 * text. The row and year are fixed once the value exists; the evidence is added on its page, then it is submitted.
 */
export const IndicatorValueForm = ({ creating }: { creating: boolean }) => {
  const { identity } = useGetIdentity();
  return (
    <SimpleForm sx={{ maxWidth: 760 }}>
      <ReferenceInput
        source="indicatorId"
        reference="indicators"
        perPage={100}
        sort={{ field: 'position', order: 'ASC' }}
        filter={identity?.orgUnitId ? { responsibleOrgUnitId: identity.orgUnitId } : {}}
      >
        <AutocompleteInput
          optionText={(r: Row) => `${r.number}. ${r.name}（${r.scope}）${r.targetText ? ` · ${r.targetText}` : ''}`}
          validate={required()}
          disabled={!creating}
        />
      </ReferenceInput>
      <SelectInput
        source="year"
        choices={INDICATOR_YEARS.map((y) => ({ id: y, name: String(y) }))}
        validate={required()}
        disabled={!creating}
      />
      <NumberInput source="value" />
      <TextInput source="text" multiline minRows={3} fullWidth />
    </SimpleForm>
  );
};
