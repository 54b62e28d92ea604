// The slice of API Gateway (HTTP API v2 and REST v1 proxy) events a webhook receiver needs:
// headers looked up case-insensitively, and the raw body, base64-decoded when flagged.

export interface HttpEvent {
  headers?: Record<string, string | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
}

export interface HttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface WebhookRequest {
  id: string;
  name: string;
  signature: string;
  /** The exact bytes GitHub signed, as UTF-8 text. */
  payload: string;
}

export class BadRequest extends Error {}

export function lowercaseHeaders(headers: HttpEvent['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {})) if (typeof value === 'string') out[key.toLowerCase()] = value;
  return out;
}

export function rawBody(event: HttpEvent): string {
  const body = event.body ?? '';
  return event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
}

/** The four things GitHub sends with every delivery; a missing one is the sender's fault (400). */
export function webhookRequest(event: HttpEvent): WebhookRequest {
  const headers = lowercaseHeaders(event.headers);
  const missing = ['x-github-delivery', 'x-github-event', 'x-hub-signature-256'].filter((h) => !headers[h]);
  if (missing.length) throw new BadRequest(`missing header${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  const payload = rawBody(event);
  if (!payload) throw new BadRequest('empty body');
  return { id: headers['x-github-delivery'], name: headers['x-github-event'], signature: headers['x-hub-signature-256'], payload };
}

export function jsonResult(statusCode: number, body: Record<string, unknown>): HttpResult {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
