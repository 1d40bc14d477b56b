import { amazonServer } from '../../../../lib/amazon-server';

// The whole server half in one catch-all route handler: GET /status, /metrics; POST /authorize, /callback, ….
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

async function handle(request: Request): Promise<Response> {
  const { connections } = await amazonServer();
  return connections.handler(request);
}

export { handle as GET, handle as POST };
