// The files of a pull request as GitHub lists them (`pulls.listFiles`): paginated 100 at a time,
// up to GitHub's own ceiling of 3,000 files.
import type { GitHubClient, RepoRef } from './client.js';
import type { PullFile } from './patch-lines.js';

export const MAX_PULL_FILES = 3000;
const PER_PAGE = 100;

export interface PullFiles {
  files: PullFile[];
  /** True when GitHub's ceiling was reached: files beyond the first 3,000 may exist and were not reviewed. */
  truncated: boolean;
}

export async function listPullFiles(octokit: GitHubClient, ref: RepoRef, pullNumber: number): Promise<PullFiles> {
  const files: PullFile[] = [];
  for await (const page of octokit.paginate.iterator(octokit.rest.pulls.listFiles, { ...ref, pull_number: pullNumber, per_page: PER_PAGE })) {
    for (const f of page.data) {
      const file: PullFile = { filename: f.filename, status: f.status };
      if (f.patch !== undefined) file.patch = f.patch;
      if (f.previous_filename) file.previous_filename = f.previous_filename;
      files.push(file);
    }
    if (files.length >= MAX_PULL_FILES) break;
  }
  return { files: files.slice(0, MAX_PULL_FILES), truncated: files.length >= MAX_PULL_FILES };
}
