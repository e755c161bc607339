import {
  BooleanInput,
  NumberInput,
  ReferenceInput,
  AutocompleteInput,
  SimpleForm,
  TextInput,
  maxValue,
  minValue,
  required,
} from 'react-admin';

/** The report's fields, for a new one (the assignment and period come from the assignment page) and an edit. */
export const ReportForm = ({ creating }: { creating: boolean }) => (
  <SimpleForm sx={{ maxWidth: 760 }}>
    {creating && (
      <ReferenceInput source="assignmentId" reference="assignments" sort={{ field: 'deadline', order: 'ASC' }}>
        <AutocompleteInput optionText={(r) => `${r.planItemNumber} ${r.planItemTitle}`} validate={required()} />
      </ReferenceInput>
    )}
    <TextInput source="period" validate={required()} disabled={!creating} helperText="2024-Q2 / 2024-07 / 2024-H1 / 2024" />
    <TextInput source="summary" multiline minRows={5} fullWidth validate={required()} />
    <NumberInput source="progress" min={0} max={100} step={5} validate={[required(), minValue(0), maxValue(100)]} />
    <BooleanInput source="final" label="duban.report.final_hint" />
  </SimpleForm>
);
