// The request bodies GitHub receives (DESIGN.md contract): "create a review for a pull request"
// and "create a check run". The app sends exactly these, batching annotations where GitHub limits apply.

export interface ReviewComment {
  path: string;
  line: number;
  side: 'RIGHT';
  start_line?: number;
  start_side?: 'RIGHT';
  body: string;
}

export interface ReviewBody {
  event: 'COMMENT' | 'REQUEST_CHANGES' | 'APPROVE';
  body: string;
  comments: ReviewComment[];
  commit_id?: string;
}

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
  raw_details?: string;
}

export interface CheckRunBody {
  name: string;
  head_sha?: string;
  status: 'completed' | 'in_progress' | 'queued';
  conclusion?: 'success' | 'failure' | 'neutral' | 'action_required' | 'cancelled' | 'skipped' | 'timed_out';
  output: {
    title: string;
    summary: string;
    text?: string;
    annotations: CheckAnnotation[];
  };
  actions?: { label: string; description: string; identifier: string }[];
}

export const CHECK_RUN_NAME = 'gitops-guard';
export const GITHUB_TEXT_LIMIT = 65_535;
export const ANNOTATIONS_PER_REQUEST = 50;
