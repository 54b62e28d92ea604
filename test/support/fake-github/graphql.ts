// GitHub's GraphQL endpoint, faked: every query and mutation is parsed and validated against
// GitHub's real public schema (@octokit/graphql-schema) and executed over the fake's state, so a
// field or argument GitHub does not have fails here as it would there.
import { schema as published } from '@octokit/graphql-schema';
import { buildSchema, graphql, type GraphQLSchema } from 'graphql';

let schema: GraphQLSchema | undefined;

export function githubSchema(): GraphQLSchema {
  schema ??= buildSchema(published.idl, { assumeValidSDL: true });
  return schema;
}

interface Connection<T> {
  totalCount: number;
  nodes: T[];
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null; startCursor: string | null };
}

const cursorOf = (i: number): string => Buffer.from(`cursor:${i}`).toString('base64');
const indexOf = (cursor: string): number => Number(Buffer.from(cursor, 'base64').toString().split(':')[1]);

/** A GraphQL connection over a list, honouring `first` (GitHub requires it, max 100) and `after`. */
export function connection<T>(items: T[], args: { first?: number | null; after?: string | null }): Connection<T> {
  if (args.first === undefined || args.first === null) throw new Error('You must provide a `first` or `last` value to properly paginate the connection.');
  if (args.first > 100) throw new Error(`Requesting ${args.first} records on the connection exceeds the \`first\` limit of 100 records.`);
  const start = args.after ? indexOf(args.after) + 1 : 0;
  const page = items.slice(start, start + args.first);
  return {
    totalCount: items.length,
    nodes: page,
    edges: page.map((node, i) => ({ cursor: cursorOf(start + i), node })),
    pageInfo: {
      hasNextPage: start + page.length < items.length,
      hasPreviousPage: start > 0,
      startCursor: page.length ? cursorOf(start) : null,
      endCursor: page.length ? cursorOf(start + page.length - 1) : null,
    },
  };
}

export interface GraphQLRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

export async function executeGraphQL(request: GraphQLRequest, rootValue: Record<string, unknown>): Promise<{ data?: unknown; errors?: { message: string; type?: string }[] }> {
  const result = await graphql({ schema: githubSchema(), source: request.query, variableValues: request.variables, operationName: request.operationName, rootValue });
  const out: { data?: unknown; errors?: { message: string; type?: string }[] } = {};
  if (result.data) out.data = result.data;
  if (result.errors?.length) out.errors = result.errors.map((e) => ({ message: e.message, ...(e.locations ? { locations: e.locations } : {}) }));
  return out;
}
