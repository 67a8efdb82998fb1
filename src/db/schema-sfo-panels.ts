// Table types for SFO learning panels and the annual SFO report, merged into Database. Matches
// migrations/0024_sfo_learning_panels.ts and 0025_sfo_annual_reports.ts.
import type { ColumnType, Generated } from 'kysely';
import type { ActionState } from '../domain/sfo/learning-panel.ts';

type DateColumn = ColumnType<string, string, string>;
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface SfoLearningPanelTable {
  id: Generated<number>;
  held_on: DateColumn;
  title: string;
  agencies: Json<string[]>;
  learning_points: Json<string[]>;
  created_by: string;
  created_at: Stamp;
  updated_by: string;
  updated_at: Stamp;
}

export interface SfoPanelReviewTable {
  panel_id: number;
  review_id: number;
}

export interface SfoPanelActionTable {
  id: Generated<number>;
  panel_id: number;
  description: string;
  owner: string;
  region_id: number | null;
  due_on: DateColumn;
  state: ColumnType<ActionState, ActionState | undefined, ActionState>;
  state_note: string | null;
  created_by: string;
  created_at: Stamp;
  updated_by: string;
  updated_at: Stamp;
}

export interface SfoAnnualReportTable {
  year_start: number;
  state: ColumnType<'draft' | 'published', 'draft' | 'published' | undefined, 'draft' | 'published'>;
  summary: ColumnType<string, string | undefined, string>;
  published_figures: Json<unknown> | null;
  published_at: Date | null;
  created_by: string;
  created_at: Stamp;
  updated_by: string;
  updated_at: Stamp;
}

export interface SfoPanelTables {
  sfo_learning_panel: SfoLearningPanelTable;
  sfo_panel_review: SfoPanelReviewTable;
  sfo_panel_action: SfoPanelActionTable;
  sfo_annual_report: SfoAnnualReportTable;
}
