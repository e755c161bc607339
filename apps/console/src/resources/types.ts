import type { ResourceProps } from 'react-admin';

/** What a resource folder's index.ts default-exports; spread into `<Resource name="…" {...definition} />`. */
export type ResourceDefinition = Pick<
  ResourceProps,
  'list' | 'show' | 'edit' | 'create' | 'icon' | 'recordRepresentation' | 'options' | 'hasCreate' | 'hasEdit' | 'hasShow'
>;
