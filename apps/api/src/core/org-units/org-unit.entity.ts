import { Column, Entity } from 'typeorm';
import type { OrgUnitKind } from '@duban/domain';
import { BaseRecord } from '../database/base.entity';

@Entity('org_units')
export class OrgUnit extends BaseRecord {
  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: OrgUnitKind;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases!: string[];
}
