import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { MAX_COMMENT_BODY_LENGTH, MAX_QUOTE_LENGTH, type ThreadListResponse } from '@quire/shared';
import type { AccessPolicy } from '../../auth/access.js';
import type { CommentService } from '../../documents/comment-service.js';
import { HttpError } from '../../errors.js';
import { requireAccess, userOf } from '../api-auth.js';
import { refuseLargeBody } from './body-limit.js';
import { checkNameParam, docNameOf } from './doc-name-param.js';

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

const jsonBody: RequestHandler[] = [
  refuseLargeBody(COMMENT_BODY_BYTES),
  express.json({ limit: COMMENT_BODY_BYTES, type: () => true }),
];

function parse<T>(schema: z.ZodType<T>, body: unknown, example: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, `body must be JSON like ${example}`);
  return parsed.data;
}

export function commentRoutes(comments: CommentService, policy: AccessPolicy): Router {
  const router = Router();
  router.use('/docs/:name/comments', checkNameParam);
  const threadIdOf = (params: Record<string, unknown>): string => String(params.threadId);

  router.get('/docs/:name/comments', requireAccess(policy, 'read'), async (req, res) => {
    const body: ThreadListResponse = { threads: await comments.list(docNameOf(req.params)) };
    res.json(body);
  });

  router.post('/docs/:name/comments', requireAccess(policy, 'comment'), ...jsonBody, async (req, res) => {
    const { quote, body } = parse(newThreadSchema, req.body, '{ "quote": "text", "body": "comment" }');
    res.status(201).json(await comments.create(docNameOf(req.params), quote, body, userOf(res)));
  });

  router.post(
    '/docs/:name/comments/:threadId/replies',
    requireAccess(policy, 'comment'),
    ...jsonBody,
    async (req, res) => {
      const { body } = parse(newReplySchema, req.body, '{ "body": "reply" }');
      res.status(201).json(await comments.reply(docNameOf(req.params), threadIdOf(req.params), body, userOf(res)));
    },
  );

  for (const [action, resolved] of [
    ['resolve', true],
    ['reopen', false],
  ] as const) {
    router.post(`/docs/:name/comments/:threadId/${action}`, requireAccess(policy, 'comment'), async (req, res) => {
      res.json(await comments.setResolved(docNameOf(req.params), threadIdOf(req.params), resolved));
    });
  }
  return router;
}
