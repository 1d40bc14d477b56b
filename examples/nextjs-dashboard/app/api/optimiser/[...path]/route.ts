import { amazonServer } from '../../../../lib/amazon-server';

// The optimiser's routes (POST /apply, GET /rules), the Vite example's handler: the feature gate first, then the
// server half's Amazon access, so nothing reaches Amazon once Advertising is disconnected or stale.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

async function handle(request: Request): Promise<Response> {
  const { optimiser } = await amazonServer();
  return optimiser(request);
}

export { handle as GET, handle as POST };
