import { createServer } from 'node:http';
import { toNodeListener } from '@smart-ads/core/server';
import { amazonHandler } from './amazon-handler';

export const server = createServer(toNodeListener(amazonHandler)).listen(Number(process.env.PORT ?? 3000));
