// A fake GitHub that behaves like GitHub for what gitops-guard does: an HTTP server (REST under
// /api/v3, GraphQL at /api/graphql, as GitHub Enterprise lays them out, so the app reaches it
// through GHE_HOST) backed by a real local git repository. It issues installation tokens for a
// valid app JWT, serves the PR, its files with real patches, comparisons (the merge base), contents,
// trees, blobs and tarballs, validates every request body against GitHub's OpenAPI description,
// answers 422 where GitHub does, and records check runs, reviews, comments and threads.
import { createHash, createVerify, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connection, executeGraphQL, githubSchema } from './graphql.js';
import { commentError, type CommentInput } from './diff-rules.js';
import { GitRepo, type PullFileEntry } from './git-repo.js';
import { findOperation, requestBodyErrors, type Operation } from './openapi.js';

export interface RecordedRequest {
  method: string;
  path: string;
  operationId?: string;
  status: number;
  /** GraphQL operation name, for POST /graphql. */
  graphql?: string;
  at: number;
}

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: string;
  message: string;
  title?: string;
  raw_details?: string;
}

export interface CheckRunRecord {
  id: number;
  node_id: string;
  name: string;
  head_sha: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: string | null;
  external_id: string | null;
  started_at: string;
  completed_at: string | null;
  /** Wall clock (ms) when the run became completed. */
  completedAtMs?: number;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: Annotation[];
  actions: { label: string; description: string; identifier: string }[];
}

export interface ReviewRecord {
  id: number;
  node_id: string;
  pull_number: number;
  commit_id: string;
  event: string;
  /** As GitHub reports it: COMMENTED, CHANGES_REQUESTED, APPROVED, or DISMISSED once dismissed. */
  state: 'COMMENTED' | 'CHANGES_REQUESTED' | 'APPROVED' | 'DISMISSED';
  body: string;
  user: { login: string; type: string };
  submitted_at: string;
  dismissalMessage?: string;
}

export interface ReviewCommentRecord {
  id: number;
  node_id: string;
  pull_request_review_id: number;
  pull_number: number;
  path: string;
  line: number;
  start_line: number | null;
  side: string;
  body: string;
  commit_id: string;
  user: { login: string; type: string };
  threadId: string;
}

export interface ThreadRecord {
  id: string;
  pull_number: number;
  path: string;
  line: number;
  isResolved: boolean;
  comments: ReviewCommentRecord[];
}

export interface PullRecord {
  number: number;
  title: string;
  headRef: string;
  baseRef: string;
  state: 'open' | 'closed';
  draft: boolean;
}

export interface FakeGitHubOptions {
  owner?: string;
  repo?: string;
  appId: number;
  /** PEM public key of the app: installation tokens are issued only for JWTs it verifies. */
  appPublicKey: string;
  installationId?: number;
  /** Files of other repositories (config `_extends`, the owner's `.github` repo): "owner/repo" → path → text. */
  otherRepos?: Record<string, Record<string, string>>;
}

/** Test hook: GitHub also refuses comments for reasons a patch does not show (e.g. a diff too large to render). */
export type CommentVeto = (comment: CommentInput) => string | undefined;

class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly errors?: unknown[], readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

/** A scripted failure: status, optional message and headers (e.g. retry-after), after an optional delay. */
export interface Failure {
  status: number;
  times: number;
  message?: string;
  headers?: Record<string, string>;
  /** Answer only after this long (a slow or hanging GitHub); status 0 then means "answer normally". */
  delayMs?: number;
}

const BOT = { login: 'gitops-guard[bot]', type: 'Bot' };
const DOCS = 'https://docs.github.com/rest';

function nodeId(kind: string, id: number | string): string {
  return Buffer.from(`${kind}:${id}`).toString('base64').replace(/=+$/, '');
}

function base64url(s: string): Buffer {
  return Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

export class FakeGitHub {
  readonly owner: string;
  readonly repoName: string;
  readonly repoId = 4242;
  readonly installationId: number;
  readonly git: GitRepo;
  readonly requests: RecordedRequest[] = [];
  readonly pulls = new Map<number, PullRecord>();
  readonly checkRuns: CheckRunRecord[] = [];
  readonly reviews: ReviewRecord[] = [];
  readonly comments: ReviewCommentRecord[] = [];
  readonly threads: ThreadRecord[] = [];
  /** Bodies GitHub rejected, with the reason (a correct app never lands here except on purpose). */
  readonly rejected: { operationId?: string; status: number; message: string }[] = [];
  private readonly tokens = new Set<string>();
  // Commits are immutable: diffs and archives are computed once per SHA.
  private readonly diffCache = new Map<string, PullFileEntry[]>();
  private readonly tarCache = new Map<string, Buffer>();
  commentVeto?: CommentVeto;
  private readonly failures = new Map<string, Failure[]>();
  private server?: Server;
  private nextId = 1000;
  origin = '';

  constructor(private readonly options: FakeGitHubOptions, git = GitRepo.init()) {
    this.owner = options.owner ?? 'floe';
    this.repoName = options.repo ?? 'gitops';
    this.installationId = options.installationId ?? 77;
    this.git = git;
  }

  async start(): Promise<string> {
    // Built once up front (a second or two each), not inside the first requests the app makes.
    githubSchema();
    for (const [method, path] of [['POST', '/repos/o/r/check-runs'], ['PATCH', '/repos/o/r/check-runs/1'], ['POST', '/repos/o/r/pulls/1/reviews']]) {
      requestBodyErrors(findOperation(method, path)!, {});
    }
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.origin;
  }

  /** host:port for GHE_HOST. */
  get host(): string {
    return this.origin.replace(/^http:\/\//, '');
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next `times` requests of this operation answer `status` (e.g. a 502 from GitHub). */
  failNext(operationId: string, status: number, times = 1, extra: Pick<Failure, 'message' | 'headers' | 'delayMs'> = {}): void {
    const list = this.failures.get(operationId) ?? [];
    list.push({ status, times, ...extra });
    this.failures.set(operationId, list);
  }

  openPull(headRef: string, baseRef = 'main', title = 'Change'): PullRecord {
    const pull: PullRecord = { number: this.pulls.size + 1, title, headRef, baseRef, state: 'open', draft: false };
    this.pulls.set(pull.number, pull);
    return pull;
  }

  /** The PR's files between base and head, as GitHub lists them. */
  filesOf(baseSha: string, headSha: string): PullFileEntry[] {
    const key = `${baseSha}..${headSha}`;
    let files = this.diffCache.get(key);
    if (!files) {
      files = this.git.pullFiles(baseSha, headSha);
      this.diffCache.set(key, files);
    }
    return files;
  }

  headSha(pull: PullRecord): string {
    return this.git.resolve(pull.headRef)!;
  }

  baseSha(pull: PullRecord): string {
    return this.git.resolve(pull.baseRef)!;
  }

  apiRequests(): RecordedRequest[] {
    return this.requests;
  }

  threadsOf(pullNumber: number): ThreadRecord[] {
    return this.threads.filter((t) => t.pull_number === pullNumber);
  }

  /** The REST representation of a PR (pulls.get, webhook payloads). */
  pullJson(pull: PullRecord): Record<string, unknown> {
    const repo = this.repoJson();
    const head = this.headSha(pull);
    const base = this.baseSha(pull);
    const files = this.filesOf(base, head);
    return {
      url: `${this.origin}/api/v3/repos/${this.owner}/${this.repoName}/pulls/${pull.number}`,
      id: 9000 + pull.number,
      node_id: nodeId('PullRequest', pull.number),
      number: pull.number,
      state: pull.state,
      draft: pull.draft,
      title: pull.title,
      locked: false,
      merged: false,
      user: { login: 'dev', id: 1, type: 'User' },
      head: { label: `${this.owner}:${pull.headRef}`, ref: pull.headRef, sha: head, repo, user: repo.owner },
      base: { label: `${this.owner}:${pull.baseRef}`, ref: pull.baseRef, sha: base, repo, user: repo.owner },
      changed_files: files.length,
      additions: files.reduce((n, f) => n + f.additions, 0),
      deletions: files.reduce((n, f) => n + f.deletions, 0),
      commits: 1,
      comments: 0,
      review_comments: this.comments.filter((c) => c.pull_number === pull.number).length,
    };
  }

  repoJson(): { id: number; node_id: string; name: string; full_name: string; private: boolean; owner: { login: string; id: number; type: string }; default_branch: string } {
    return {
      id: this.repoId, node_id: nodeId('Repository', this.repoId), name: this.repoName, full_name: `${this.owner}/${this.repoName}`,
      private: true, owner: { login: this.owner, id: 31, type: 'Organization' }, default_branch: 'main',
    };
  }

  // ---- HTTP ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const record: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname + url.search, status: 0, at: Date.now() };
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      const isBuffer = Buffer.isBuffer(body);
      const isText = typeof body === 'string';
      res.writeHead(status, { 'content-type': isBuffer ? 'application/x-gzip' : isText ? 'application/vnd.github.raw; charset=utf-8' : 'application/json; charset=utf-8', ...headers });
      res.end(isBuffer || isText ? body : body === undefined ? '' : JSON.stringify(body));
    };
    try {
      if (url.pathname.startsWith('/_codeload/')) {
        // codeload.github.com, where tarball requests redirect: not an API request.
        const sha = url.pathname.split('/').pop()!;
        let tar = this.tarCache.get(sha);
        if (!tar) {
          tar = this.git.tarball(sha, `${this.owner}-${this.repoName}-${sha.slice(0, 7)}`);
          this.tarCache.set(sha, tar);
        }
        res.writeHead(200, { 'content-type': 'application/x-gzip' });
        res.end(tar);
        return;
      }
      this.requests.push(record);
      if (url.pathname === '/api/graphql' && req.method === 'POST') {
        this.authenticateInstallation(req);
        const body = JSON.parse(raw) as { query: string; variables?: Record<string, unknown>; operationName?: string };
        record.graphql = /^\s*(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? '(anonymous)';
        const failure = await this.takeFailure(`graphql:${record.graphql}`);
        if (failure) throw new HttpError(failure.status, failure.message ?? 'Server Error', undefined, failure.headers);
        return send(200, await executeGraphQL(body, this.graphqlRoot()));
      }
      if (!url.pathname.startsWith('/api/v3/')) throw new HttpError(404, 'Not Found');
      const op = findOperation(record.method, url.pathname.slice('/api/v3'.length));
      if (!op) throw new HttpError(404, 'Not Found');
      record.operationId = op.operationId;
      let body: unknown;
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          throw new HttpError(400, 'Problems parsing JSON');
        }
      }
      if (op.operationId === 'apps/create-installation-access-token') this.authenticateApp(req);
      else if (op.operationId !== 'meta/root') this.authenticateInstallation(req);
      const failure = await this.takeFailure(op.operationId);
      if (failure) throw new HttpError(failure.status, failure.message ?? (failure.status >= 500 ? 'Server Error' : 'Error'), undefined, failure.headers);
      if (body !== undefined) {
        const errors = requestBodyErrors(op, body);
        if (errors.length) throw new HttpError(422, `Invalid request.\n\n${errors.join('\n')}`);
      }
      const out = this.route(op, url, body, req);
      return send(out.status, out.body, out.headers);
    } catch (e) {
      const err = e instanceof HttpError ? e : new HttpError(500, e instanceof Error ? e.message : String(e));
      if (err.status === 422 || err.status === 400) this.rejected.push({ operationId: record.operationId, status: err.status, message: err.message });
      send(err.status, { message: err.message, ...(err.errors ? { errors: err.errors } : {}), documentation_url: DOCS, status: String(err.status) }, err.headers);
    }
  }

  /** The scripted failure of this request, after its delay; undefined to answer normally. */
  private async takeFailure(key: string): Promise<Failure | undefined> {
    const list = this.failures.get(key);
    const head = list?.[0];
    if (!head) return undefined;
    if (--head.times <= 0) list!.shift();
    if (head.delayMs) await new Promise((r) => setTimeout(r, head.delayMs));
    return head.status ? head : undefined;
  }

  private authenticateApp(req: IncomingMessage): void {
    const m = /^bearer (.+)$/i.exec(req.headers.authorization ?? '');
    if (!m) throw new HttpError(401, 'A JSON web token could not be decoded');
    const [header, payload, signature] = m[1].split('.');
    const verify = createVerify('RSA-SHA256');
    verify.update(`${header}.${payload}`);
    if (!signature || !verify.verify(this.options.appPublicKey, base64url(signature))) throw new HttpError(401, 'A JSON web token could not be decoded');
    const claims = JSON.parse(base64url(payload).toString('utf8')) as { iss?: string | number; exp?: number };
    if (String(claims.iss) !== String(this.options.appId)) throw new HttpError(401, "'Issuer' claim ('iss') must be an Integer");
    if (!claims.exp || claims.exp * 1000 < Date.now()) throw new HttpError(401, "'Expiration time' claim ('exp') must be a numeric value representing the future time");
  }

  private authenticateInstallation(req: IncomingMessage): void {
    const m = /^(?:token|bearer) (\S+)$/i.exec(req.headers.authorization ?? '');
    if (!m || !this.tokens.has(m[1])) throw new HttpError(401, 'Bad credentials');
  }

  private requireRepo(op: Operation): void {
    if (op.params.owner !== this.owner || op.params.repo !== this.repoName) throw new HttpError(404, 'Not Found');
  }

  private pull(op: Operation): PullRecord {
    this.requireRepo(op);
    const pull = this.pulls.get(Number(op.params.pull_number));
    if (!pull) throw new HttpError(404, 'Not Found');
    return pull;
  }

  private commitOf(ref: string): string {
    const sha = this.git.resolve(ref);
    if (!sha) throw new HttpError(422, `No commit found for SHA: ${ref}`);
    return sha;
  }

  private route(op: Operation, url: URL, body: unknown, req: IncomingMessage): { status: number; body?: unknown; headers?: Record<string, string> } {
    const b = (body ?? {}) as Record<string, any>;
    switch (op.operationId) {
      case 'apps/create-installation-access-token': {
        if (Number(op.params.installation_id) !== this.installationId) throw new HttpError(404, 'Not Found');
        const token = `ghs_${randomBytes(18).toString('hex')}`;
        this.tokens.add(token);
        return {
          status: 201,
          body: { token, expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: { checks: 'write', pull_requests: 'write', contents: 'read', metadata: 'read' }, repository_selection: 'all' },
        };
      }
      case 'pulls/get':
        return { status: 200, body: this.pullJson(this.pull(op)) };
      case 'pulls/list':
        return this.listPulls(op, url);
      case 'pulls/list-files': {
        const pull = this.pull(op);
        const all = this.filesOf(this.baseSha(pull), this.headSha(pull)).slice(0, 3000);
        return this.paginated(url, all);
      }
      case 'pulls/list-reviews':
        return this.paginated(url, this.reviews.filter((r) => r.pull_number === this.pull(op).number).map((r) => this.reviewJson(r)));
      case 'pulls/dismiss-review':
        return { status: 200, body: this.reviewJson(this.dismissReview(this.pull(op), Number(op.params.review_id), b)) };
      case 'pulls/list-review-comments':
        return this.paginated(url, this.comments.filter((c) => c.pull_number === this.pull(op).number));
      case 'pulls/create-review':
        return { status: 200, body: this.reviewJson(this.createReview(this.pull(op), b)) };
      case 'checks/create':
        this.requireRepo(op);
        return { status: 201, body: this.checkRunJson(this.createCheckRun(b)) };
      case 'checks/update': {
        this.requireRepo(op);
        const run = this.checkRuns.find((r) => r.id === Number(op.params.check_run_id));
        if (!run) throw new HttpError(404, 'Not Found');
        this.applyCheckRun(run, b);
        return { status: 200, body: this.checkRunJson(run) };
      }
      case 'checks/get': {
        this.requireRepo(op);
        const run = this.checkRuns.find((r) => r.id === Number(op.params.check_run_id));
        if (!run) throw new HttpError(404, 'Not Found');
        return { status: 200, body: this.checkRunJson(run) };
      }
      case 'checks/list-for-ref': {
        this.requireRepo(op);
        const sha = this.commitOf(op.params.ref);
        const name = url.searchParams.get('check_name');
        const runs = this.checkRuns.filter((r) => r.head_sha === sha && (!name || r.name === name));
        return { status: 200, body: { total_count: runs.length, check_runs: runs.map((r) => this.checkRunJson(r)) } };
      }
      case 'repos/get-content':
        return this.content(op, url, req);
      case 'repos/compare-commits-with-basehead':
        return this.compare(op, url);
      case 'repos/download-tarball-archive': {
        this.requireRepo(op);
        const sha = this.git.resolve(op.params.ref);
        if (!sha) throw new HttpError(404, 'Not Found');
        return { status: 302, headers: { location: `${this.origin}/_codeload/${this.owner}/${this.repoName}/legacy.tar.gz/${sha}` } };
      }
      case 'git/get-tree': {
        this.requireRepo(op);
        const recursive = ['1', 'true'].includes(url.searchParams.get('recursive') ?? '');
        const sha = this.git.resolve(op.params.tree_sha) ?? op.params.tree_sha;
        try {
          return { status: 200, body: { sha, url: '', truncated: false, tree: this.git.tree(sha, recursive) } };
        } catch {
          throw new HttpError(404, 'Not Found');
        }
      }
      case 'git/get-blob': {
        this.requireRepo(op);
        const data = this.git.blob(op.params.file_sha);
        if (!data) throw new HttpError(404, 'Not Found');
        return { status: 200, body: { sha: op.params.file_sha, node_id: nodeId('Blob', op.params.file_sha), size: data.length, url: '', content: data.toString('base64'), encoding: 'base64' } };
      }
      default:
        throw new HttpError(404, `Not Found (the fake does not implement ${op.operationId})`);
    }
  }

  private paginated<T>(url: URL, all: T[]): { status: number; body: T[]; headers: Record<string, string> } {
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const items = all.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    const last = Math.max(1, Math.ceil(all.length / perPage));
    if (page < last) {
      const link = (p: number): string => {
        const u = new URL(url.toString());
        u.searchParams.set('page', String(p));
        u.searchParams.set('per_page', String(perPage));
        return u.toString();
      };
      headers.link = `<${link(page + 1)}>; rel="next", <${link(last)}>; rel="last"`;
    }
    return { status: 200, body: items, headers };
  }

  /**
   * `GET /compare/{BASE...HEAD}` as GitHub answers it: three-dot (`merge_base_commit`, the commits of
   * head not in base, the files from the merge base). `per_page`/`page` page the commits; then the
   * files come on the first page only. Unpaged: the latest 250 commits.
   */
  private compare(op: Operation, url: URL): { status: number; body: unknown; headers: Record<string, string> } {
    this.requireRepo(op);
    const sides = op.params.basehead.split('...');
    if (sides.length !== 2) throw new HttpError(404, 'Not Found');
    const [base, head] = sides.map((s) => this.git.resolve(s.startsWith(`${this.owner}:`) ? s.slice(this.owner.length + 1) : s));
    if (!base || !head) throw new HttpError(404, 'Not Found');
    let mergeBase: string;
    try {
      mergeBase = this.git.mergeBase(base, head);
    } catch {
      throw new HttpError(404, `No common ancestor between ${sides[0]} and ${sides[1]}.`);
    }
    const ahead = this.git.commitsBetween(base, head);
    const behindBy = this.git.commitsBetween(head, base).length;
    const paged = url.searchParams.has('per_page') || url.searchParams.has('page');
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const commits = paged ? ahead.slice((page - 1) * perPage, page * perPage) : ahead.slice(-250);
    const headers: Record<string, string> = {};
    if (paged && page * perPage < ahead.length) {
      const next = new URL(url.toString());
      next.searchParams.set('page', String(page + 1));
      next.searchParams.set('per_page', String(perPage));
      headers.link = `<${next.toString()}>; rel="next"`;
    }
    const apiRepo = `${this.origin}/api/v3/repos/${this.owner}/${this.repoName}`;
    const htmlRepo = `${this.origin}/${this.owner}/${this.repoName}`;
    const files = !paged || page === 1
      ? this.filesOf(base, head).slice(0, 300).map((f) => ({
        ...f,
        blob_url: `${htmlRepo}/blob/${head}/${encodeURIComponent(f.filename)}`,
        raw_url: `${htmlRepo}/raw/${head}/${encodeURIComponent(f.filename)}`,
        contents_url: `${apiRepo}/contents/${encodeURIComponent(f.filename)}?ref=${head}`,
      }))
      : [];
    const status = ahead.length && behindBy ? 'diverged' : ahead.length ? 'ahead' : behindBy ? 'behind' : 'identical';
    return {
      status: 200,
      headers,
      body: {
        url: `${apiRepo}/compare/${op.params.basehead}`, html_url: `${htmlRepo}/compare/${op.params.basehead}`,
        permalink_url: `${htmlRepo}/compare/${this.owner}:${base.slice(0, 7)}...${this.owner}:${head.slice(0, 7)}`,
        diff_url: `${htmlRepo}/compare/${op.params.basehead}.diff`, patch_url: `${htmlRepo}/compare/${op.params.basehead}.patch`,
        base_commit: this.commitJson(base), merge_base_commit: this.commitJson(mergeBase),
        status, ahead_by: ahead.length, behind_by: behindBy, total_commits: ahead.length,
        commits: commits.map((sha) => this.commitJson(sha)), files,
      },
    };
  }

  /** A commit as the REST API shows it (commits, compare). */
  private commitJson(sha: string): Record<string, unknown> {
    const c = this.git.commitInfo(sha);
    const apiRepo = `${this.origin}/api/v3/repos/${this.owner}/${this.repoName}`;
    const htmlRepo = `${this.origin}/${this.owner}/${this.repoName}`;
    return {
      url: `${apiRepo}/commits/${sha}`, sha, node_id: nodeId('Commit', sha), html_url: `${htmlRepo}/commit/${sha}`, comments_url: `${apiRepo}/commits/${sha}/comments`,
      commit: {
        url: `${apiRepo}/git/commits/${sha}`, author: c.author, committer: c.committer, message: c.message, comment_count: 0,
        tree: { sha: c.tree, url: `${apiRepo}/git/trees/${c.tree}` },
        verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
      },
      author: null, committer: null,
      parents: c.parents.map((p) => ({ sha: p, url: `${apiRepo}/commits/${p}`, html_url: `${htmlRepo}/commit/${p}` })),
    };
  }

  private content(op: Operation, url: URL, req: IncomingMessage): { status: number; body: unknown } {
    const key = `${op.params.owner}/${op.params.repo}`;
    const raw = /raw/.test(String(req.headers.accept ?? ''));
    let text: string | undefined;
    if (key === `${this.owner}/${this.repoName}`) {
      const sha = this.git.resolve(url.searchParams.get('ref') ?? 'main');
      if (!sha) throw new HttpError(404, 'No commit found for the ref');
      if (this.git.objectType(sha, op.params.path) !== 'blob') throw new HttpError(404, 'Not Found');
      text = this.git.readFile(sha, op.params.path)?.toString('utf8');
    } else {
      text = this.options.otherRepos?.[key]?.[op.params.path];
    }
    if (text === undefined) throw new HttpError(404, 'Not Found');
    if (raw) return { status: 200, body: text };
    return {
      status: 200,
      body: {
        type: 'file', encoding: 'base64', size: Buffer.byteLength(text), name: op.params.path.split('/').pop(), path: op.params.path,
        content: Buffer.from(text).toString('base64'), sha: createHash('sha1').update(text).digest('hex'),
      },
    };
  }

  private createCheckRun(b: Record<string, any>): CheckRunRecord {
    const sha = this.commitOf(b.head_sha);
    const id = this.nextId++;
    const run: CheckRunRecord = {
      id, node_id: nodeId('CheckRun', id), name: b.name, head_sha: sha, status: 'queued', conclusion: null,
      external_id: b.external_id ?? null, started_at: b.started_at ?? new Date().toISOString(), completed_at: null,
      output: { title: null, summary: null, text: null }, annotations: [], actions: [],
    };
    this.applyCheckRun(run, b, true);
    this.checkRuns.push(run);
    return run;
  }

  private applyCheckRun(run: CheckRunRecord, b: Record<string, any>, creating = false): void {
    const annotations = (b.output?.annotations ?? []) as Annotation[];
    if (annotations.length > 50) throw new HttpError(422, 'Invalid request.\n\nOnly 50 annotations are allowed per request.');
    for (const field of ['summary', 'text'] as const) {
      const v = b.output?.[field];
      if (typeof v === 'string' && v.length > 65535) throw new HttpError(422, `Invalid request.\n\nOutput ${field} is too long (maximum is 65535 characters).`);
    }
    if (b.output && (b.output.title === undefined || b.output.summary === undefined)) throw new HttpError(422, 'Invalid request.\n\n"title" and "summary" are required in output.');
    for (const a of annotations) if (a.end_line < a.start_line) throw new HttpError(422, 'Invalid request.\n\nannotation end_line must be at or after start_line.');
    if ((b.actions?.length ?? 0) > 3) throw new HttpError(422, 'Invalid request.\n\nOnly 3 actions are allowed.');
    const status = b.conclusion !== undefined && b.status === undefined ? 'completed' : b.status;
    if (status === 'completed' && !b.conclusion && !run.conclusion) throw new HttpError(422, 'Invalid request.\n\nConclusion is required when status is completed.');
    if (creating && !status) run.status = 'queued';
    if (status) run.status = status;
    if (b.conclusion) run.conclusion = b.conclusion;
    if (b.external_id !== undefined) run.external_id = b.external_id;
    if (b.output) {
      run.output = { title: b.output.title, summary: b.output.summary, text: b.output.text ?? run.output.text };
      run.annotations.push(...annotations);
    }
    if (b.actions) run.actions = b.actions;
    if (run.status === 'completed' && !run.completed_at) {
      run.completed_at = b.completed_at ?? new Date().toISOString();
      run.completedAtMs = Date.now();
    }
  }

  private checkRunJson(run: CheckRunRecord): Record<string, unknown> {
    return {
      id: run.id, node_id: run.node_id, name: run.name, head_sha: run.head_sha, status: run.status, conclusion: run.conclusion,
      external_id: run.external_id, started_at: run.started_at, completed_at: run.completed_at,
      output: { ...run.output, annotations_count: run.annotations.length }, app: { id: this.options.appId, slug: 'gitops-guard' }, pull_requests: [],
    };
  }

  private createReview(pull: PullRecord, b: Record<string, any>): ReviewRecord {
    const commit = b.commit_id ? this.commitOf(b.commit_id) : this.headSha(pull);
    const event = b.event as string | undefined;
    if (!event) throw new HttpError(422, 'Unprocessable Entity', ['A pending review is not supported by this fake']);
    if ((event === 'REQUEST_CHANGES' || event === 'COMMENT') && !b.body && !(b.comments?.length)) throw new HttpError(422, 'Unprocessable Entity', ['Body is required']);
    const files = this.filesOf(this.baseSha(pull), commit);
    const patches = new Map(files.map((f) => [f.filename, f.patch]));
    const errors = ((b.comments ?? []) as CommentInput[]).map((c) => commentError(c, patches) ?? this.commentVeto?.(c)).filter((e): e is string => e !== undefined);
    if (errors.length) throw new HttpError(422, 'Unprocessable Entity', [...new Set(errors)]);
    const id = this.nextId++;
    const state = event === 'REQUEST_CHANGES' ? 'CHANGES_REQUESTED' : event === 'APPROVE' ? 'APPROVED' : 'COMMENTED';
    const review: ReviewRecord = {
      id, node_id: nodeId('PullRequestReview', id), pull_number: pull.number, commit_id: commit, event, state, body: b.body ?? '', user: BOT, submitted_at: new Date().toISOString(),
    };
    this.reviews.push(review);
    for (const c of (b.comments ?? []) as CommentInput[]) {
      const cid = this.nextId++;
      const threadId = nodeId('PullRequestReviewThread', cid);
      const comment: ReviewCommentRecord = {
        id: cid, node_id: nodeId('PullRequestReviewComment', cid), pull_request_review_id: id, pull_number: pull.number, path: c.path,
        line: c.line!, start_line: c.start_line ?? null, side: c.side ?? 'RIGHT', body: c.body, commit_id: commit, user: BOT, threadId,
      };
      this.comments.push(comment);
      this.threads.push({ id: threadId, pull_number: pull.number, path: c.path, line: c.line!, isResolved: false, comments: [comment] });
    }
    return review;
  }

  /** A person's review (test hook): the app must tell its own reviews from theirs. */
  addReviewBy(user: { login: string; type: string }, pullNumber: number, event: 'REQUEST_CHANGES' | 'COMMENT' | 'APPROVE', body = 'review'): ReviewRecord {
    const pull = this.pulls.get(pullNumber)!;
    const id = this.nextId++;
    const state = event === 'REQUEST_CHANGES' ? 'CHANGES_REQUESTED' : event === 'APPROVE' ? 'APPROVED' : 'COMMENTED';
    const review: ReviewRecord = { id, node_id: nodeId('PullRequestReview', id), pull_number: pullNumber, commit_id: this.headSha(pull), event, state, body, user, submitted_at: new Date().toISOString() };
    this.reviews.push(review);
    return review;
  }

  /** GitHub dismisses only a review of that PR that requested changes or approved (422 otherwise). */
  private dismissReview(pull: PullRecord, reviewId: number, b: Record<string, any>): ReviewRecord {
    const review = this.reviews.find((r) => r.id === reviewId && r.pull_number === pull.number);
    if (!review) throw new HttpError(404, 'Not Found');
    if (review.state === 'DISMISSED') throw new HttpError(422, 'Validation Failed', ['Can not dismiss a dismissed pull request review']);
    if (review.state === 'COMMENTED') throw new HttpError(422, 'Validation Failed', ['Can not dismiss a commented pull request review']);
    review.state = 'DISMISSED';
    review.dismissalMessage = b.message;
    return review;
  }

  /** The REST representation of a review (create, list, dismiss). */
  private reviewJson(r: ReviewRecord): Record<string, unknown> {
    const pullUrl = `${this.origin}/api/v3/repos/${this.owner}/${this.repoName}/pulls/${r.pull_number}`;
    const html = `${this.origin}/${this.owner}/${this.repoName}/pull/${r.pull_number}#pullrequestreview-${r.id}`;
    return {
      id: r.id, node_id: r.node_id, user: { ...r.user, id: r.user.type === 'Bot' ? 41898282 : 1 }, body: r.body, state: r.state, commit_id: r.commit_id,
      html_url: html, pull_request_url: pullUrl, _links: { html: { href: html }, pull_request: { href: pullUrl } },
      submitted_at: r.submitted_at, author_association: r.user.type === 'Bot' ? 'NONE' : 'MEMBER',
    };
  }

  /** `GET /pulls`: state (default open), head (`owner:ref`), base, sorted by number (newest first) or updated. */
  private listPulls(op: Operation, url: URL): { status: number; body: unknown; headers: Record<string, string> } {
    this.requireRepo(op);
    const state = url.searchParams.get('state') ?? 'open';
    const head = url.searchParams.get('head');
    const base = url.searchParams.get('base');
    const pulls = [...this.pulls.values()]
      .filter((p) => state === 'all' || p.state === state)
      .filter((p) => !head || head === `${this.owner}:${p.headRef}`)
      .filter((p) => !base || base === p.baseRef)
      .sort((a, b) => (url.searchParams.get('direction') === 'asc' ? a.number - b.number : b.number - a.number));
    return this.paginated(url, pulls.map((p) => this.pullJson(p)));
  }

  // ---- GraphQL ----

  private graphqlRoot(): Record<string, unknown> {
    const runNode = (r: CheckRunRecord) => ({
      __typename: 'CheckRun', id: r.node_id, databaseId: r.id, name: r.name, status: r.status.toUpperCase(),
      conclusion: r.conclusion ? r.conclusion.toUpperCase() : null, externalId: r.external_id, startedAt: r.started_at, completedAt: r.completed_at,
      title: r.output.title, summary: r.output.summary, text: r.output.text,
    });
    const commitNode = (sha: string) => ({
      __typename: 'Commit', id: nodeId('Commit', sha), oid: sha, abbreviatedOid: sha.slice(0, 7),
      checkSuites: (args: { first?: number; after?: string; filterBy?: { checkName?: string } }) => {
        const runs = this.checkRuns.filter((r) => r.head_sha === sha && (!args.filterBy?.checkName || r.name === args.filterBy.checkName));
        const suites = runs.length ? [{ __typename: 'CheckSuite', id: nodeId('CheckSuite', sha), app: { databaseId: this.options.appId, slug: 'gitops-guard', name: 'gitops-guard' },
          checkRuns: (a: { first?: number; after?: string; filterBy?: { checkName?: string } }) =>
            connection(runs.filter((r) => !a.filterBy?.checkName || r.name === a.filterBy.checkName).map(runNode), a) }] : [];
        return connection(suites, args);
      },
    });
    const threadNode = (t: ThreadRecord) => ({
      __typename: 'PullRequestReviewThread', id: t.id, isResolved: t.isResolved, isOutdated: false, path: t.path, line: t.line,
      comments: (a: { first?: number; after?: string }) => connection(t.comments.map((c) => ({
        __typename: 'PullRequestReviewComment', id: c.node_id, databaseId: c.id, body: c.body, path: c.path,
        author: { __typename: 'Bot', login: c.user.login },
      })), a),
    });
    const repository = (args: { owner: string; name: string }) => {
      if (args.owner !== this.owner || args.name !== this.repoName) return null;
      return {
        __typename: 'Repository', id: nodeId('Repository', this.repoId), name: this.repoName, nameWithOwner: `${this.owner}/${this.repoName}`,
        pullRequest: (a: { number: number }) => {
          const pull = this.pulls.get(a.number);
          if (!pull) return null;
          return {
            __typename: 'PullRequest', id: nodeId('PullRequest', pull.number), number: pull.number, title: pull.title,
            state: pull.state === 'open' ? 'OPEN' : 'CLOSED', isDraft: pull.draft,
            baseRefOid: this.baseSha(pull), headRefOid: this.headSha(pull), baseRefName: pull.baseRef, headRefName: pull.headRef,
            reviewThreads: (c: { first?: number; after?: string }) => connection(this.threadsOf(pull.number).map(threadNode), c),
          };
        },
        object: (a: { oid?: string; expression?: string }) => {
          const sha = a.oid ? this.git.resolve(a.oid) : a.expression ? this.git.resolve(a.expression) : undefined;
          return sha ? commitNode(sha) : null;
        },
      };
    };
    const resolveReviewThread = (args: { input: { threadId: string } }) => {
      const thread = this.threads.find((t) => t.id === args.input.threadId);
      if (!thread) throw new Error(`Could not resolve to a node with the global id of '${args.input.threadId}'`);
      thread.isResolved = true;
      return { thread: threadNode(thread) };
    };
    return { repository, resolveReviewThread };
  }
}
