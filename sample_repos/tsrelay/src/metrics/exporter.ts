/**
 * Prometheus text exposition for the metrics registry, served at `/metrics`.
 */
import type { Counter, Labels, Registry } from './counters';

export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(help: string): string {
  return help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

export function formatLabels(labels: Labels): string {
  const names = Object.keys(labels).sort();
  if (names.length === 0) return '';
  return `{${names.map((name) => `${name}="${escapeLabelValue(labels[name])}"`).join(',')}}`;
}

function renderCounter(counter: Counter): string[] {
  const lines = [`# HELP ${counter.name} ${escapeHelp(counter.help)}`, `# TYPE ${counter.name} counter`];
  const series = counter.collect();
  if (series.length === 0) {
    lines.push(`${counter.name} 0`);
  }
  for (const { labels, value } of series) {
    lines.push(`${counter.name}${formatLabels(labels)} ${value}`);
  }
  return lines;
}

/** Renders every registered counter in Prometheus text format. */
export function renderPrometheus(registry: Registry): string {
  const lines: string[] = [];
  for (const counter of registry.all()) lines.push(...renderCounter(counter));
  return lines.join('\n') + '\n';
}
