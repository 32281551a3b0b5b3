#!/usr/bin/env node
// The dposcale command line: one subcommand per file in this folder.
import { Command } from 'commander';
import { boundCommand } from './bound.js';
import { infoCommand } from './info.js';
import { trainCommand } from './train.js';
import { dataCommand } from './data.js';
import { geometryCommand } from './geometry.js';
import { sweepCommand } from './sweep.js';
import { mergeCommand } from './merge.js';
import { reportCommand } from './report.js';
import { serveCommand } from './serve.js';

const program = new Command('dposcale')
  .description('Simulate DPO-family preference learning over K human values and measure its scaling law.')
  .showHelpAfterError()
  .addCommand(trainCommand())
  .addCommand(dataCommand())
  .addCommand(geometryCommand())
  .addCommand(sweepCommand())
  .addCommand(mergeCommand())
  .addCommand(reportCommand())
  .addCommand(boundCommand())
  .addCommand(serveCommand())
  .addCommand(infoCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(message.split('\n').map((line) => `dposcale: ${line}\n`).join(''));
  process.exitCode = 1;
});
