// The Next.js app's server module: the handler of amazon-handler.ts (the sample above it in the README).
export { amazonHandler } from '../../amazon-handler';
