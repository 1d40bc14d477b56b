// The official SDK ships its API classes as JavaScript with per-file .d.ts but no types for its root entry: these
// declarations cover what amazon-sp-api-sdk-js.test.ts uses (the methods exist in src/<api>/api/*.js).
declare module '@amazon-sp-api-release/amazon-sp-api-sdk-js' {
  interface ApiClient {
    enableAutoRetrievalAccessToken(clientId: string, clientSecret: string, refreshToken: string): void;
  }
  type ApiClientClass = new (basePath?: string) => ApiClient;
  // biome-ignore lint/suspicious/noExplicitAny: the SDK's answers are untyped model instances
  type Answer = Promise<any>;
  export const SellersSpApi: {
    ApiClient: ApiClientClass;
    SellersApi: new (client: ApiClient) => { getMarketplaceParticipations(): Answer };
  };
  export const SalesSpApi: {
    ApiClient: ApiClientClass;
    SalesApi: new (
      client: ApiClient,
    ) => {
      getOrderMetrics(
        marketplaceIds: string[],
        interval: string,
        granularity: string,
        opts?: Record<string, string>,
      ): Answer;
    };
  };
  export const ReportsSpApi: {
    ApiClient: ApiClientClass;
    ReportsApi: new (
      client: ApiClient,
    ) => {
      createReport(body: Record<string, unknown>): Answer;
      getReport(reportId: string): Answer;
      getReportDocument(reportDocumentId: string): Answer;
    };
  };
}
