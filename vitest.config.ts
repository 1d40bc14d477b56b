// The root Vitest config: the source aliases (vitest.aliases.ts) and the test projects (vitest.workspace.ts).
import { defineConfig } from 'vitest/config';
import { workspaceAliases } from './vitest.aliases.ts';
import { workspaceProjects } from './vitest.workspace.ts';

export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: { projects: workspaceProjects },
});
