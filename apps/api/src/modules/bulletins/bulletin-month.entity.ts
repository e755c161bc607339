import { ViewColumn, ViewEntity } from 'typeorm';

/**
 * One month's bulletin (通报) of a published plan (the `bulletin_months` view, made by a migration): `published`
 * once the office froze it, else `draft` (the live one). The frozen bytes stay in the `bulletins` table.
 */
@ViewEntity({ name: 'bulletin_months' })
export class BulletinMonth {
  @ViewColumn()
  id!: string;

  @ViewColumn({ name: 'plan_id' })
  planId!: string;

  @ViewColumn()
  month!: string;

  @ViewColumn()
  status!: 'draft' | 'published';

  /** The day the published figures stand at (the month's last day, or the day it was published within the month). */
  @ViewColumn({ name: 'as_of' })
  asOf!: string | null;

  /** sha256 of the published .docx (also in the audit chain). */
  @ViewColumn()
  sha256!: string | null;

  @ViewColumn({ name: 'xlsx_sha256' })
  xlsxSha256!: string | null;

  @ViewColumn({ name: 'published_at' })
  publishedAt!: Date | null;

  @ViewColumn({ name: 'published_by' })
  publishedBy!: string | null;

  @ViewColumn({ name: 'created_at' })
  createdAt!: Date;

  @ViewColumn({ name: 'updated_at' })
  updatedAt!: Date;

  @ViewColumn()
  version!: number;
}
