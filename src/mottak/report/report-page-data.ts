// What the report page is given: the report with what surrounds it, read by the route in one
// transaction, and what a posted form left behind (errors, typed values, a notice). A module of its
// own so the page and its sections share it without importing one another.
import type { FieldError } from '../../web/layout.tsx';
import type { ReportView } from './report-view.ts';
import type { FoundReport } from './report-queries.ts';
import type { FeedbackType, ReportProgress } from '../db/schema.ts';

export interface ReportPageData {
  row: FoundReport;
  view: ReportView;
  files: { name: string; content_type: string; size: number }[];
  earlier: { id: string; reference: string; received_at: Date; status: ReportProgress }[];
  notes: { id: string; created_at: Date; body: string; author: string }[];
  feedback: { type: FeedbackType; due_date: string; sent_at: Date | null }[];
  caseworkers: { id: string; name: string }[];
}

export interface PageState {
  errors?: FieldError[];
  values?: Record<string, string>;
  notice?: { kind: 'success' | 'danger'; text: string };
  /** Just assigned: say to whom, so the caseworker knows it took. */
  assignmentConfirmed?: boolean;
  status?: number;
}
