import { ORG_UNIT_KINDS } from '@duban/domain';
import {
  ArrayField,
  ChipField,
  Create,
  Datagrid,
  Edit,
  List,
  SearchInput,
  SelectInput,
  SimpleForm,
  SingleFieldList,
  TextArrayInput,
  TextField,
  TextInput,
  required,
} from 'react-admin';
import { CodeField } from '../../components/fields';

const kindChoices = ORG_UNIT_KINDS.map((id) => ({ id, name: `duban.orgUnitKind.${id}` }));

export const OrgUnitList = () => (
  <List
    sort={{ field: 'code', order: 'ASC' }}
    perPage={25}
    exporter={false}
    filters={[<SearchInput key="q" source="q" alwaysOn />, <SelectInput key="kind" source="kind" choices={kindChoices} />]}
  >
    <Datagrid rowClick="edit" bulkActionButtons={false}>
      <TextField source="code" />
      <TextField source="name" />
      <CodeField source="kind" group="orgUnitKind" />
      <ArrayField source="aliases" sortable={false}>
        <SingleFieldList linkType={false}>
          <ChipField source="" size="small" />
        </SingleFieldList>
      </ArrayField>
    </Datagrid>
  </List>
);

const Form = () => (
  <SimpleForm sx={{ maxWidth: 560 }}>
    <TextInput source="code" validate={required()} />
    <TextInput source="name" validate={required()} />
    <SelectInput source="kind" choices={kindChoices} validate={required()} />
    <TextArrayInput source="aliases" />
  </SimpleForm>
);

export const OrgUnitCreate = () => (
  <Create redirect="list">
    <Form />
  </Create>
);

export const OrgUnitEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <Form />
  </Edit>
);
