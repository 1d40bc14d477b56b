import { z } from 'zod';

/*
 * Login with Amazon's token endpoint. Source: Amazon's LWA docs ("Access Token Response", "Error Responses":
 * access_token, token_type "bearer", expires_in, refresh_token; error + error_description) and RFC 6749 §5.1/5.2.
 */

/** `POST /auth/o2/token` 200. */
export const lwaTokenAnswer = z.object({
  access_token: z
    .string()
    .regex(/^Atza\|/)
    .max(2048),
  refresh_token: z
    .string()
    .regex(/^Atzr\|/)
    .max(2048),
  token_type: z.literal('bearer'),
  expires_in: z.number().int().positive(),
});

/** `POST /auth/o2/token` 4xx/5xx (RFC 6749 §5.2 codes plus LWA's own). */
export const lwaErrorAnswer = z.object({
  error: z.enum([
    'invalid_request',
    'invalid_client',
    'invalid_grant',
    'unauthorized_client',
    'unsupported_grant_type',
    'invalid_scope',
    'server_error',
    'temporarily_unavailable',
    'too_many_requests',
  ]),
  error_description: z.string(),
});
