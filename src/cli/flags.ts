// Command-line flags generated from the run-options schema, so every option has exactly one
// name, range, default and help text (src/config/options.ts). Field `conceptCos` is the flag
// `--concept-cos`; single capitals stay as they are (`--K`, `--Q`, `--V`).
import { Command, InvalidArgumentError, Option } from 'commander';
import type { z } from 'zod';
import { parseRunOptions, runSchema, type RunOptions } from '../config/options.js';

export type RunField = keyof RunOptions;

export function flagName(field: string): string {
  return field.replace(/([a-z0-9])([A-Z])/g, (_, before: string, capital: string) => `${before}-${capital.toLowerCase()}`);
}

function parseNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || Number.isNaN(number)) throw new InvalidArgumentError(`expected a number, got '${value}'.`);
  return number;
}

/** The schema type under default() and nullable(). */
function innerType(schema: z.ZodType): { type: string; entries?: Record<string, string> } {
  let def = (schema as unknown as { def: { type: string; innerType?: z.ZodType; entries?: Record<string, string> } }).def;
  while (def.innerType && ['default', 'nullable', 'optional'].includes(def.type)) {
    def = (def.innerType as unknown as { def: typeof def }).def;
  }
  return def;
}

/** Adds one flag per named field, with the schema's description and default in its help. */
export function addRunFlags(command: Command, fields: readonly RunField[]): Command {
  for (const field of fields) {
    const schema = runSchema.shape[field] as z.ZodType;
    const inner = innerType(schema);
    const fallback = (schema as unknown as { def: { defaultValue?: unknown } }).def.defaultValue;
    const shown = fallback !== null && fallback !== undefined && fallback !== false;
    // Defaults are shown, not set: an absent flag stays absent, so the schema fills it and
    // a command can tell which flags the user really gave.
    const help = `${schema.description ?? field}${shown ? ` (default: ${String(fallback)})` : ''}`;
    const name = flagName(field);
    let option: Option;
    if (inner.type === 'boolean') {
      option = new Option(`--${name}`, help);
    } else if (inner.type === 'number') {
      option = new Option(`--${name} <number>`, help).argParser(parseNumber);
    } else if (inner.type === 'enum') {
      option = new Option(`--${name} <name>`, help).choices(Object.keys(inner.entries ?? {}));
    } else {
      option = new Option(`--${name} <value>`, help);
    }
    command.addOption(option);
  }
  return command;
}

/** The validated run options from parsed flags; messages name flags (`--K`), not fields. */
export function runOptionsFromFlags(flags: Record<string, unknown>, fields: readonly RunField[]): RunOptions {
  const given: Record<string, unknown> = {};
  for (const field of fields) if (flags[field] !== undefined) given[field] = flags[field];
  return parseRunOptions(given, (path) => (path ? `--${flagName(path)}` : ""));
}
