import { ROLES } from '@duban/domain';
import {
  AutocompleteInput,
  BooleanField,
  BooleanInput,
  Create,
  Datagrid,
  DeleteButton,
  Edit,
  List,
  PasswordInput,
  ReferenceField,
  ReferenceInput,
  SaveButton,
  SearchInput,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  Toolbar,
  required,
} from 'react-admin';
import { CodeField } from '../../components/fields';

const roleChoices = ROLES.map((id) => ({ id, name: `duban.role.${id}` }));

export const UserList = () => (
  <List
    sort={{ field: 'username', order: 'ASC' }}
    perPage={25}
    exporter={false}
    filters={[
      <SearchInput key="q" source="q" alwaysOn />,
      <SelectInput key="role" source="role" choices={roleChoices} />,
      <BooleanInput key="active" source="active" />,
    ]}
  >
    <Datagrid rowClick="edit" bulkActionButtons={false}>
      <TextField source="username" />
      <TextField source="displayName" />
      <CodeField source="role" group="role" />
      <ReferenceField source="orgUnitId" reference="org-units" link={false} sortable={false} emptyText="—">
        <TextField source="name" />
      </ReferenceField>
      <BooleanField source="active" sortable={false} />
    </Datagrid>
  </List>
);

const UnitInput = () => (
  <ReferenceInput source="orgUnitId" reference="org-units" sort={{ field: 'name', order: 'ASC' }}>
    <AutocompleteInput optionText="name" />
  </ReferenceInput>
);

export const UserCreate = () => (
  <Create redirect="list">
    <SimpleForm sx={{ maxWidth: 560 }}>
      <TextInput source="username" validate={required()} />
      <TextInput source="displayName" validate={required()} />
      <SelectInput source="role" choices={roleChoices} validate={required()} />
      <UnitInput />
      <PasswordInput source="password" validate={required()} />
    </SimpleForm>
  </Create>
);

/** Edit a user; a new password resets theirs; 停用 disables (DELETE keeps the user, audit events name them). */
export const UserEdit = () => (
  <Edit
    mutationMode="pessimistic"
    redirect="list"
    transform={(d: Record<string, unknown>) => (d.password ? d : { ...d, password: undefined })}
  >
    <SimpleForm
      sx={{ maxWidth: 560 }}
      toolbar={
        <Toolbar sx={{ justifyContent: 'space-between' }}>
          <SaveButton />
          <DeleteButton label="duban.action.disable" mutationMode="pessimistic" />
        </Toolbar>
      }
    >
      <TextInput source="username" disabled />
      <TextInput source="displayName" validate={required()} />
      <SelectInput source="role" choices={roleChoices} validate={required()} />
      <UnitInput />
      <BooleanInput source="active" />
      <PasswordInput source="password" label="duban.action.reset_password" />
    </SimpleForm>
  </Edit>
);
