import { amazonHandler } from '@/server/amazon';

export const runtime = 'nodejs';
export { amazonHandler as GET, amazonHandler as POST };
