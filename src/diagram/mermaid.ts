/**
 * Renders a stack's graph as a Mermaid flowchart, which GitHub draws in
 * Markdown (README, pull request comments).
 */
import { buildGraph, type DiagramNode, type Graph, type NodeKind } from './graph';
import type { StackJson } from './terraform-json';

/** Node shapes, so a kind is recognisable without a legend. */
const SHAPE: Record<NodeKind, readonly [string, string]> = {
  network: ['[', ']'],
  compute: ['[[', ']]'],
  queue: ['[(', ')]'],
  job: ['([', '])'],
  schedule: ['>', ']'],
  rule: ['{{', '}}'],
  topic: ['[/', '/]'],
};

/** Mermaid label text: quotes and markup characters as entities, lines joined with <br/>. */
function label(lines: readonly string[]): string {
  return lines
    .map((line) => line.replace(/&/g, '#amp;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;'))
    .join('<br/>');
}

function nodeLine(node: DiagramNode): string {
  const [open, close] = SHAPE[node.kind];
  return `  ${node.id}${open}"${label(node.lines)}"${close}`;
}

/** The flowchart text (no code fence). */
export function renderMermaid(graph: Graph): string {
  const lines = ['flowchart LR', ...graph.nodes.map(nodeLine)];
  for (const edge of graph.edges) {
    const arrow = edge.dotted ? '-.->' : '-->';
    lines.push(`  ${edge.from} ${arrow}${edge.label ? `|"${label([edge.label])}"|` : ''} ${edge.to}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The stack's diagram as a fenced ```mermaid block; undefined when the stack has no AWS Batch resources. */
export function stackDiagram(tf: StackJson): string | undefined {
  const graph = buildGraph(tf);
  if (!graph.nodes.some((n) => n.kind === 'compute' || n.kind === 'queue' || n.kind === 'job')) return undefined;
  return `\`\`\`mermaid\n${renderMermaid(graph)}\`\`\`\n`;
}

/** Markdown with one section per stack that has AWS Batch resources ("" when none has). */
export function diagramsMarkdown(stacks: readonly { readonly name: string; readonly tf: StackJson }[]): string {
  const sections = stacks.flatMap(({ name, tf }) => {
    const diagram = stackDiagram(tf);
    return diagram ? [`### ${name}\n\n${diagram}`] : [];
  });
  return sections.join('\n');
}
