import { z } from 'zod';
import { checkDocName, MAX_DOC_NAME_LENGTH } from '@quire/shared';
import { RENDER_FORMATS } from '../../content/formats.js';
import type { ApiResponse } from './registry.js';

/**
 * The schemas `/api` routes validate with and answer with (issue 24). They are the source
 * of `GET /api/openapi.json`; the shapes match the `@quire/shared` API types, which the
 * handlers are typed with.
 */
export const errorSchema = z
  .object({ error: z.string().meta({ description: 'What went wrong, for people.' }) })
  .meta({ description: 'Every error answer' });

/** An error answer, as every route gives them. */
export function errorAnswer(description: string): ApiResponse {
  return { description, content: { 'application/json': errorSchema } };
}

export const okSchema = z.object({ ok: z.literal(true) });

export const docNameSchema = z
  .string()
  .superRefine((name, ctx) => {
    const check = checkDocName(name);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.reason });
  })
  .meta({
    description: `Document name, 1–${MAX_DOC_NAME_LENGTH} characters, no control or invisible characters, no "." or ".." segment; a "/" in it is sent encoded (team%2Fnotes).`,
    example: 'team/notes',
  });

export const docParams = z.object({ name: docNameSchema });

export const FORMATS = ['yjs', ...RENDER_FORMATS] as const;
export type Format = (typeof FORMATS)[number];

export const formatQuery = z.object({
  format: z
    .enum(FORMATS, { error: `unknown format; use one of ${FORMATS.join(', ')}` })
    .default('json')
    .meta({ description: 'json: the Lexical editor state; yjs: the binary Yjs update; or a rendering.' }),
});

const isoTime = z.iso.datetime();

export const docInfoSchema = z.object({
  name: z.string(),
  size: z.int().nonnegative().meta({ description: 'Bytes the document occupies in storage.' }),
  updatedAt: isoTime,
});

export const docListSchema = z.object({ docs: z.array(docInfoSchema) });

export const versionInfoSchema = z.object({
  id: z.string(),
  label: z.string(),
  author: z.string(),
  createdAt: isoTime,
  size: z.int().nonnegative(),
});

export const versionListSchema = z.object({ versions: z.array(versionInfoSchema) });

/** The Lexical editor state (`?format=json`): its node tree is Lexical's own format. */
export const editorStateSchema = z
  .object({
    root: z.object({ type: z.literal('root'), children: z.array(z.looseObject({ type: z.string() })) }).loose(),
  })
  .loose();

/** A document or version in any format, with its content type. */
export const renderedContent = {
  'application/json': editorStateSchema,
  'text/plain': z.string(),
  'text/markdown': z.string(),
  'text/html': z.string().meta({ description: 'Answered with Content-Security-Policy: sandbox.' }),
  'application/octet-stream': 'binary',
} as const;
