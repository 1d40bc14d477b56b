import { Hono } from 'hono';
import { amazonHandler } from './amazon-handler';

export const app = new Hono();

// #region mount
app.all('/api/amazon/*', (c) => amazonHandler(c.req.raw));
// #endregion mount
