export const DEV_MCP_VERSION: string;
export function pinnedApiVersion(): string;
export function adminSchemaPath(version?: string): string;
export function ensureAdminSchema(version?: string): string;
