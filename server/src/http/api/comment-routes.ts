import { z } from 'zod';
import { MAX_COMMENT_BODY_LENGTH, MAX_QUOTE_LENGTH, type ThreadListResponse } from '@quire/shared';
import type { CommentService } from '../../documents/comment-service.js';
import { userOf } from '../api-auth.js';
import type { ApiRegistry } from './registry.js';
import { docNameSchema, docParams, errorAnswer } from './schemas.js';

/**
 * Comment threads for programs (SPEC: Comments): `read` lists them; `comment` (and above)
 * starts one on a quote, replies, resolves and reopens. Authors are the token's holder.
 */
const COMMENT_BODY_BYTES = 64 * 1024;
const commentBody = z.string().trim().min(1).max(MAX_COMMENT_BODY_LENGTH);

export const newThreadSchema = z.object({ quote: z.string().min(1).max(MAX_QUOTE_LENGTH), body: commentBody });
export const newReplySchema = z.object({ body: commentBody });
export const commentSchema = z.object({
  id: z.string(),
  author: z.object({ sub: z.string(), name: z.string() }),
  body: z.string(),
  createdAt: z.string(),
  editedAt: z.string().optional(),
});
export const threadSchema = z.object({
  id: z.string(),
  quote: z.string(),
  resolved: z.boolean(),
  comments: z.array(commentSchema),
});
export const threadListSchema = z.object({ threads: z.array(threadSchema) });

const threadParams = z.object({ name: docNameSchema, threadId: z.string().meta({ description: 'From the list' }) });
const jsonBody = <B extends z.ZodType>(schema: B, example: string) => ({
  types: ['application/json'],
  // JSON whatever its Content-Type, like the versions route.
  anyType: true,
  read: 'json' as const,
  maxBytes: COMMENT_BODY_BYTES,
  schema,
  invalid: `body must be JSON like ${example}`,
});
const threadAnswer = (description: string) => ({ description, content: { 'application/json': threadSchema } });

export function commentRoutes(api: ApiRegistry, comments: CommentService): void {
  listRoute(api, comments);
  createRoute(api, comments);
  replyRoute(api, comments);
  resolveRoute(api, comments, 'resolve', true);
  resolveRoute(api, comments, 'reopen', false);
}

function listRoute(api: ApiRegistry, comments: CommentService): void {
  api.add({
    method: 'get',
    path: '/docs/:name/comments',
    tag: 'comments',
    summary: 'List the comment threads in document order',
    params: docParams,
    access: 'read',
    responses: {
      200: { description: 'The threads', content: { 'application/json': threadListSchema } },
      404: errorAnswer('No such document'),
    },
    async handle({ params }, _req, res) {
      const body: ThreadListResponse = { threads: await comments.list(params.name) };
      res.json(body);
    },
  });
}

function createRoute(api: ApiRegistry, comments: CommentService): void {
  api.add({
    method: 'post',
    path: '/docs/:name/comments',
    tag: 'comments',
    summary: 'Start a thread on the first occurrence of a quote',
    params: docParams,
    access: 'comment',
    body: jsonBody(newThreadSchema, '{ "quote": "text", "body": "comment" }'),
    responses: {
      201: threadAnswer('The new thread'),
      404: errorAnswer('No such document'),
      422: errorAnswer('The text has no such quote, or the document has too many threads'),
    },
    async handle({ params, body }, _req, res) {
      res.status(201).json(await comments.create(params.name, body.quote, body.body, userOf(res)));
    },
  });
}

function replyRoute(api: ApiRegistry, comments: CommentService): void {
  api.add({
    method: 'post',
    path: '/docs/:name/comments/:threadId/replies',
    tag: 'comments',
    summary: 'Reply in a thread',
    params: threadParams,
    access: 'comment',
    body: jsonBody(newReplySchema, '{ "body": "reply" }'),
    responses: {
      201: { description: 'The new comment', content: { 'application/json': commentSchema } },
      404: errorAnswer('No such document or thread'),
      422: errorAnswer('The thread is full'),
    },
    async handle({ params, body }, _req, res) {
      res.status(201).json(await comments.reply(params.name, params.threadId, body.body, userOf(res)));
    },
  });
}

function resolveRoute(
  api: ApiRegistry,
  comments: CommentService,
  action: 'resolve' | 'reopen',
  resolved: boolean,
): void {
  api.add({
    method: 'post',
    path: `/docs/:name/comments/:threadId/${action}`,
    tag: 'comments',
    summary: resolved ? 'Mark a thread resolved' : 'Reopen a resolved thread',
    params: threadParams,
    access: 'comment',
    responses: { 200: threadAnswer('The thread'), 404: errorAnswer('No such document or thread') },
    async handle({ params }, _req, res) {
      res.json(await comments.setResolved(params.name, params.threadId, resolved));
    },
  });
}
