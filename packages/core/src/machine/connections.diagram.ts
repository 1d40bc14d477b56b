/**
 * Draws a state machine as a Mermaid `stateDiagram-v2` by walking `machine.root`, so the diagram in
 * `docs/connections-machine.md` is produced from the machine itself and a test fails when they differ.
 * Not part of the browser entry.
 */
import type { AnyStateMachine, AnyStateNode } from 'xstate';

function safeId(node: AnyStateNode): string {
  const machineId = node.machine.root.id;
  const id = node.id.startsWith(`${machineId}.`) ? node.id.slice(machineId.length + 1) : node.id;
  return id.replace(/[^A-Za-z0-9]/g, '_');
}

function guardLabel(guard: unknown): string {
  if (guard === undefined || guard === null) return '';
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') {
    const inner = (guard as { guards?: unknown[] }).guards ?? [];
    const name = (guard as { name?: string }).name ?? 'guard';
    return `${name}(${inner.map(guardLabel).join(', ')})`;
  }
  if (typeof guard === 'object' && 'type' in guard) return String((guard as { type: unknown }).type);
  return 'guard';
}

function eventLabel(eventType: string, machineId: string): string {
  if (eventType === '') return 'always';
  const done = /^xstate\.done\.actor\.(.+)$/.exec(eventType);
  if (done) return `done: ${done[1]}`;
  const error = /^xstate\.error\.actor\.(.+)$/.exec(eventType);
  if (error) return `error: ${error[1]}`;
  const after = /^xstate\.after\.([^.]+)\./.exec(eventType);
  if (after) return `after ${after[1]}`;
  return eventType.replace(`${machineId}.`, '');
}

function declare(node: AnyStateNode, indent: string, lines: string[]): void {
  const id = safeId(node);
  if (node.type === 'history') {
    lines.push(`${indent}state "H*" as ${id}`);
    return;
  }
  const children = Object.values(node.states) as AnyStateNode[];
  lines.push(`${indent}state "${node.key}" as ${id}`);
  if (children.length === 0) return;
  lines.push(`${indent}state ${id} {`);
  children.forEach((child, index) => {
    if (node.type === 'parallel' && index > 0) lines.push(`${indent}  --`);
    declare(child, `${indent}  `, lines);
  });
  if (node.type !== 'parallel' && node.initial?.target[0]) {
    lines.push(`${indent}  [*] --> ${safeId(node.initial.target[0])}`);
  }
  lines.push(`${indent}}`);
}

function edges(node: AnyStateNode, machineId: string, lines: Set<string>): void {
  const transitions = [...node.transitions.values()].flat();
  for (const transition of [...transitions, ...(node.always ?? [])]) {
    for (const target of transition.target ?? []) {
      const guard = guardLabel(transition.guard);
      const label = `${eventLabel(transition.eventType, machineId)}${guard ? ` [${guard}]` : ''}`;
      lines.add(`  ${safeId(node)} --> ${safeId(target)} : ${label}`);
    }
  }
  for (const child of Object.values(node.states) as AnyStateNode[]) edges(child, machineId, lines);
}

/**
 * The Mermaid source of `machine`: every state (compound, parallel regions separated by `--`, deep history as
 * `H*`), every transition with a target, labelled with its event and guard. Transitions without a target (the
 * refusals that record why a command cannot run) are left out to keep the drawing readable.
 *
 * @example
 * ```ts
 * import { connectionsMachine } from './connections.machine';
 * console.log(toMermaid(connectionsMachine));
 * ```
 */
export function toMermaid(machine: AnyStateMachine): string {
  const lines = ['stateDiagram-v2'];
  const root = machine.root;
  for (const child of Object.values(root.states) as AnyStateNode[]) declare(child, '  ', lines);
  if (root.initial?.target[0]) lines.push(`  [*] --> ${safeId(root.initial.target[0])}`);
  const edgeLines = new Set<string>();
  edges(root, root.id, edgeLines);
  return [...lines, ...edgeLines].join('\n');
}

/**
 * The whole `docs/connections-machine.md` page.
 *
 * @example
 * ```ts
 * writeFileSync('docs/connections-machine.md', diagramPage(connectionsMachine));
 * ```
 */
export function diagramPage(machine: AnyStateMachine): string {
  return `# The connections state machine

Generated from \`connectionsMachine\` (packages/core/src/machine/connections.machine.ts) by walking
\`machine.root\`; do not edit by hand. \`packages/core/src/machine/connections.diagram.test.ts\` fails when this file
and the machine differ; regenerate with
\`UPDATE_DIAGRAM=1 pnpm exec vitest run --project core src/machine/connections.diagram\`.

Transitions without a target are not drawn: they are the refusals that record, in \`context.refusal\`, why a
command cannot run now (the view model shows the same reasons in \`actions\`).

\`\`\`mermaid
${toMermaid(machine)}
\`\`\`
`;
}
