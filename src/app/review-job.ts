// One unit of work for the app: review one pull request at one head SHA.
// The webhook handler builds it; it runs inline (server) or from a queue (Lambda worker).

export interface ReviewJob {
  installationId: number;
  owner: string;
  repo: string;
  pullNumber: number;
  headSha: string;
  deliveryId: string;
  /** Inline comments for pre-existing findings too (the check run's "re-run with all findings" button). */
  allFindings?: boolean;
}
