export { version } from '@smart-ads/core';
