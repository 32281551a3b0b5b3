#!/usr/bin/env node
// The dposcale command line: one subcommand per file in this folder.
import { Command } from 'commander';
import { boundCommand } from './bound.js';
import { infoCommand } from './info.js';
import { trainCommand } from './train.js';

const program = new Command('dposcale')
  .description('Simulate DPO-family preference learning over K human values and measure its scaling law.')
  .showHelpAfterError()
  .addCommand(trainCommand())
  .addCommand(boundCommand())
  .addCommand(infoCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`dposcale: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
