// Table types for a joint inspection's partner inspectorates and partner inspectors, merged into
// Database. Matches migrations/0027_joint_inspection.ts.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export interface InspectionPartnerInspectorateTable {
  inspection_id: number;
  /** The partner's id in the framework file's regime.jointInspection. */
  inspectorate: string;
  recorded_by: string;
  recorded_at: CreatedAt;
}

export interface InspectionPartnerInspectorTable {
  id: Generated<number>;
  inspection_id: number;
  inspectorate: string;
  name: string;
  email: string | null;
  added_by: string;
  added_at: CreatedAt;
}

export interface JointInspectionTables {
  inspection_partner_inspectorate: InspectionPartnerInspectorateTable;
  inspection_partner_inspector: InspectionPartnerInspectorTable;
}
