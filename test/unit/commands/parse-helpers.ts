/** Shared by the parser tests: a fixed clock and short ways to read a result. */
import { parseCommand } from '../../../src/commands/parse';
import type { Command, ParseError } from '../../../src/commands/command';
import { type JobFilter, defaultFilter } from '../../../src/jobs/filter';

/** 2026-11-28T12:00:00Z, a Saturday; the same instant TestClock starts at. */
export const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const MIDNIGHT = Date.UTC(2026, 10, 28);

export function parse(text: string): Command {
  const result = parseCommand(text, { now: NOW });
  if (!result.ok) throw new Error(`expected a command for ${JSON.stringify(text)}, got: ${result.error.message}`);
  return result.command;
}

export function parseFails(text: string): ParseError {
  const result = parseCommand(text, { now: NOW });
  if (result.ok) throw new Error(`expected an error for ${JSON.stringify(text)}, got ${JSON.stringify(result.command)}`);
  return result.error;
}

/** The whole filter a list command produced, to compare against defaults plus the changes. */
export function listFilter(text: string): JobFilter {
  const command = parse(text);
  if (command.kind !== 'list') throw new Error(`expected a list for ${JSON.stringify(text)}, got ${command.kind}`);
  return command.filter;
}

export function filterWith(changes: Partial<JobFilter>): JobFilter {
  return { ...defaultFilter(), ...changes };
}
