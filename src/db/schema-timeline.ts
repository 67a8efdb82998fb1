// Table types for an inspection's timeline and the booking it was made from, merged into Database.
// Matches migrations/0014_inspection_timeline.ts.
import type { ColumnType, Generated } from 'kysely';

type DateColumn = ColumnType<string, string, string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export interface InspectionBookingTable {
  inspection_id: number;
  cycle_id: number;
  /** The booking's key in its cycle: inspection|PDU or return-inspection|PDU. */
  booking: string;
  /** The cycle revision the booking was read from. */
  revision: number;
  week: DateColumn;
  team: string | null;
  created_by: string;
  created_at: CreatedAt;
}

export interface InspectionMilestoneMoveTable {
  id: Generated<number>;
  inspection_id: number;
  milestone: string;
  from_on: DateColumn;
  to_on: DateColumn;
  reason: string;
  moved_by: string;
  moved_at: CreatedAt;
}

/** The youth selection a youth inspection was made from (migrations/0026_inspection_youth_selection.ts). */
export interface InspectionYouthSelectionTable {
  inspection_id: number;
  selection_id: number;
  /** The service's name as the selection lists it. */
  service: string;
  /** The selection's programme year start. */
  as_of: DateColumn;
  /** The selection's reasons for the service, as they were, joined with '; '. */
  reasons: string;
  created_by: string;
  created_at: CreatedAt;
}

export interface TimelineTables {
  inspection_booking: InspectionBookingTable;
  inspection_youth_selection: InspectionYouthSelectionTable;
  inspection_milestone_move: InspectionMilestoneMoveTable;
}
