import { toNodeListener } from '@smart-ads/core/server';
import express from 'express';
import { amazonHandler } from './amazon-handler';

export const app = express();

// #region mount
const listener = toNodeListener(amazonHandler);
app.use('/api/amazon', (req, res) => {
  req.url = req.originalUrl; // keep the full URL so basePath matches
  void listener(req, res);
});
// #endregion mount
