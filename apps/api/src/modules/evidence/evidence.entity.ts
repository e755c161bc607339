import type { ReportStatus } from '@duban/domain';
import { Column, Entity, VirtualColumn } from 'typeorm';
import { evidenceReportStatus } from '../../core/access/access';
import { BaseRecord } from '../../core/database/base.entity';

export interface GpsPosition {
  lat: number;
  lng: number;
}

const bigintAsNumber = { to: (v: number) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) };

/**
 * A file backing a report (or, later, an indicator value). The file and this record are never deleted:
 * withdrawing marks it, so nothing an inspector has seen disappears.
 */
@Entity('evidence')
export class Evidence extends BaseRecord {
  @Column({ type: 'uuid' })
  planId!: string;

  @Column({ type: 'uuid' })
  orgUnitId!: string;

  @Column({ type: 'uuid', nullable: true })
  reportId!: string | null;

  /** Indicator values arrive later: the column is here, without a foreign key yet. */
  @Column({ type: 'uuid', nullable: true })
  indicatorValueId!: string | null;

  /** The cleaned display name (Chinese kept; no path, no control characters). */
  @Column({ type: 'text' })
  filename!: string;

  /** Decided from the content, not the name. */
  @Column({ type: 'text' })
  mimeType!: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  size!: number;

  @Column({ type: 'text' })
  sha256!: string;

  /** Where the storage keeps it; never leaves the API. */
  @Column({ type: 'text', select: false })
  storageKey!: string;

  /** From a photo's EXIF DateTimeOriginal (local time taken as Asia/Shanghai unless the photo says otherwise). */
  @Column({ type: 'timestamptz', nullable: true })
  capturedAt!: Date | null;

  /** From a photo's EXIF GPS position. */
  @Column({ type: 'jsonb', nullable: true })
  gps!: GpsPosition | null;

  @Column({ type: 'boolean', default: false })
  withdrawn!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  withdrawnBy!: string | null;

  @Column({ type: 'uuid' })
  uploadedBy!: string;

  /**
   * The status of the report or indicator value it backs (read, never written): the field the ability's `reportStatus` condition names,
   * so the console's canAccess(record) decides on an evidence record as the API's row access does (the same SQL).
   */
  @VirtualColumn({ type: 'text', query: (alias) => `SELECT ${evidenceReportStatus(alias)}` })
  reportStatus!: ReportStatus | null;
}
