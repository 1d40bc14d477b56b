#!/usr/bin/env node
import { parseCli, usage } from './cli-args.js';
import { startMockAmazonServer } from './node-server.js';
import { runScenario } from './scenarios.js';

async function main(): Promise<void> {
  const command = parseCli(process.argv.slice(2));
  if (command.help) {
    process.stdout.write(usage);
    return;
  }
  const server = await startMockAmazonServer(command.server);
  for (const { name, args } of command.scenarios) runScenario(server.amazon.scenarios, name, args);
  const { amazon } = server;
  process.stdout.write(
    [
      `mock-amazon listening on ${server.url}`,
      `  default user:    ${amazon.users.default.email} / ${amazon.users.default.password}`,
      `  client id:       ${amazon.app.clientId}`,
      `  application id:  ${amazon.app.applicationId}`,
      `  LWA authorize:   ${server.baseUrls.authorize.na}/ap/oa`,
      `  LWA token:       ${server.baseUrls.token.na}/auth/o2/token`,
      `  Ads API (na):    ${server.baseUrls.ads.na}`,
      `  SP-API (na):     ${server.baseUrls.spApi.na}`,
      `  Seller Central:  ${server.baseUrls.sellerCentral.na}/apps/authorize/consent`,
      `  control:         ${server.url}/__mock`,
      command.scenarios.length ? `  scenarios:       ${command.scenarios.map((s) => s.name).join(', ')}` : '',
      '',
    ]
      .filter((line, i, all) => line !== '' || i === all.length - 1)
      .join('\n'),
  );
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
